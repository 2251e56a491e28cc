-- 150: a case's documents by kind and time from the index alone (issue #8
-- "Scale"; demo-history --verify, history.c).  The document rows carry
-- their whole text (the body, a kilobyte or more), so reading a kind and
-- a time through the row reads pages the buffer pool cannot keep at a
-- hundred thousand cases (--verify took 0.5 s at 10,000 and 22 s at
-- 100,000, the documents' rows read from disk).  The index on app_no
-- alone is a prefix of this one and goes.
ALTER TABLE document
	ADD KEY doc_app_kind (app_no, kind, issued_at),
	DROP KEY app_no;
