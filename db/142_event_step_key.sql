-- 142: the procedure's step an event belongs to, by key (SUP-2; issue #8).
-- The step_order rule of abnormal warnings (cgi/domain/anomaly.c,
-- docs/warnings.md) replays a case's events on its procedure; it matched
-- an event to a step by the step's name in the event's label, which two
-- steps of one procedure may share and which a console edit of the
-- catalogue may change under the events.  flow.c now writes the key of the
-- step that produced the event (a transition, the tick's deemed
-- acceptance, a 补正 request, a special procedure); events no step
-- produces (receipt, withdrawal, fee, …) and the events written before
-- this migration keep NULL, and for those the rule still goes by name.
ALTER TABLE case_event
	ADD COLUMN step_key VARCHAR(40) NULL;
