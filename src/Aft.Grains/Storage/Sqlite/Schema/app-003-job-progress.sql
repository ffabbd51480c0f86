-- The transfer counts a job's last attempt reached (JSON), kept once the job has ended; null when it moved no files.
ALTER TABLE jobs ADD COLUMN progress TEXT NULL;
