-- The table behind examples/scheduled-batch.json and examples/deliver-video.json.
-- One row per prompt. status moves:
--   queued -> starting (claimed by a Scheduled Batch run)
--          -> started (the job exists: video_id is set)  or back to queued (the create surely failed; retried next run)
--   started -> delivering (claimed by a Deliver run) -> done (object_key set) or failed (error set)
-- A row left in `starting` has an error that says the create may have reached the server (or n8n
-- stopped mid-run): look for the job (Sora Video > List) before setting it back to `queued`.
CREATE TABLE IF NOT EXISTS video_requests (
	id bigserial PRIMARY KEY,
	prompt text NOT NULL,
	status text NOT NULL DEFAULT 'queued'
		CHECK (status IN ('queued', 'starting', 'started', 'delivering', 'done', 'failed')),
	video_id text UNIQUE,
	object_key text,
	error text,
	attempts integer NOT NULL DEFAULT 0,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS video_requests_queued ON video_requests (id) WHERE status = 'queued';
