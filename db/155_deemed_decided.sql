-- 155: a case that the tick deemed accepted (行政许可法 Art. 32) and that
-- this completed (an item of one step) was approved without decided_at
-- (flow.c deem_one), so it was missing from the day's decisions: on /hall,
-- in the statistics and performance figures (db/115) and in every
-- "decided" count.  Those cases are decided when they were deemed (the
-- time of their 'deem' event); the triggers on kase move the summaries
-- (db/110, db/115) in this same statement.  Issue #8.
UPDATE kase k JOIN (SELECT case_id, MIN(at) AS at FROM case_event
	WHERE action = 'deem' GROUP BY case_id) e ON e.case_id = k.id
	SET k.decided_at = e.at
	WHERE k.state = 'approved' AND k.decided_at IS NULL;
