-- 011_outbox_epoch: an outbox row is claimed by a bundle of one epoch
-- (GAP-4, F12).  Sequence numbers start again at 1 in a new epoch, so the
-- sequence alone would hand a new bundle the rows of an old one.
ALTER TABLE gap_outbox
	ADD COLUMN bundle_epoch INT NULL AFTER bundle_seq,
	ADD KEY (bundle_epoch, bundle_seq, id);
UPDATE gap_outbox SET bundle_epoch = (SELECT epoch FROM gap_lock WHERE id = 1)
	WHERE bundle_seq IS NOT NULL;
