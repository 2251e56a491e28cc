-- 168: what each bundle of this site acknowledged (GAP-5; issue #9).  The
-- manifest's "acks" is fixed when the bundle is claimed, so an export
-- that dies and is run again writes the same manifest, the same bytes.
ALTER TABLE gap_out ADD COLUMN acks TEXT NULL;

-- The bundles still kept (pruned_at IS NULL), oldest first, for pruning
-- and for the size they take; the newest ack by the bundle that carried it.
ALTER TABLE gap_out ADD KEY kept (pruned_at, epoch, seq);
ALTER TABLE gap_ack ADD KEY newest (dir, from_epoch, from_seq);
