-- Each deal's current next-step task and whether the deal is open, written in the transaction of the events that
-- change them (the Deal's and Task's handlers and the next-step automation). The row is also the deal's next-step
-- lock: creating a next step and closing the deal take it (SELECT ... FOR UPDATE / UPDATE), so two of them for one
-- deal run one after the other. task_id is null while the deal has no open next step (closed, or opened before next
-- steps existed until NextStepBackfill gives it one); deals opened before this table have no row until a command or
-- the backfill writes one.
CREATE TABLE deal_next_step (
    deal_id   VARCHAR(255) NOT NULL PRIMARY KEY,
    deal_open BOOLEAN      NOT NULL,
    task_id   VARCHAR(255)
);
