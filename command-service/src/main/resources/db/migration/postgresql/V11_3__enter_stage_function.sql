-- A deal entering a stage in one round trip: the shared advisory lock on the stage, then (a new snapshot, as each
-- statement of a VOLATILE function takes under READ COMMITTED) the check that the stage still exists and the
-- deal's new place. See JdbcPipelines.
CREATE FUNCTION crm_enter_stage(p_deal VARCHAR, p_pipeline VARCHAR, p_stage VARCHAR) RETURNS BOOLEAN
    LANGUAGE plpgsql VOLATILE AS $$
BEGIN
    PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_pipeline || '/' || p_stage, 0));
    IF NOT EXISTS (SELECT 1 FROM pipeline_stage WHERE pipeline_id = p_pipeline AND stage_id = p_stage) THEN
        RETURN FALSE;
    END IF;
    -- most calls move a placed deal: a plain update, and the upsert only for a deal not placed yet
    UPDATE deal_position SET pipeline_id = p_pipeline, stage_id = p_stage WHERE deal_id = p_deal;
    IF NOT FOUND THEN
        INSERT INTO deal_position (deal_id, pipeline_id, stage_id) VALUES (p_deal, p_pipeline, p_stage)
        ON CONFLICT (deal_id) DO UPDATE SET pipeline_id = EXCLUDED.pipeline_id, stage_id = EXCLUDED.stage_id;
    END IF;
    RETURN TRUE;
END
$$;
