-- 252: the worklist counts every case's unread messages in one statement
-- (msg_unread_all(), EXT-7): an index that holds the unread rows first,
-- so that statement reads those and no other.
ALTER TABLE case_message ADD KEY msg_open (read_at, dir, case_id);
