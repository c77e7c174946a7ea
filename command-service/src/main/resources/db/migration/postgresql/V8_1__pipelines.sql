-- The stages of every pipeline as the command side needs them to decide deal moves (order and kind), written by the
-- Pipeline aggregate in the transaction of its events. A deal command checks its target stage here in its own
-- transaction, so a stage removed by another instance cannot take a deal.
CREATE TABLE pipeline_stage (
    pipeline_id VARCHAR(100) NOT NULL,
    stage_id    VARCHAR(50)  NOT NULL,
    position    INTEGER      NOT NULL,
    kind        VARCHAR(10)  NOT NULL,
    PRIMARY KEY (pipeline_id, stage_id)
);

-- Where each deal is, written in the transaction of its open, move and reopen events: a stage that holds deals
-- cannot be removed. Deals opened before this table existed are added by DealPositionBackfill at start-up.
CREATE TABLE deal_position (
    deal_id     VARCHAR(255) NOT NULL PRIMARY KEY,
    pipeline_id VARCHAR(100) NOT NULL,
    stage_id    VARCHAR(50)  NOT NULL
);
CREATE INDEX deal_position_stage ON deal_position (pipeline_id, stage_id);
