-- 0014 — frames of videos for near-duplicate search (issue 5 item 2, R-6.2c; ADR 0006 "Videos").
-- A video's frames are sampled with ffmpeg in the background after the upload; the perceptual hash of each
-- sampled frame is stored in upload_photo_hashes with the frame's number as its view, so that the same
-- multi-index search finds a frame of one video in another video or in a photo, and a photo in a video.
-- frames_state says how far that went, so that a video is never silently passed as checked:
--   pending      not sampled yet (a background job, or the sweep after a crash, will do it)
--   done         frames_sampled frames hashed (0 when every frame was flat: nothing to compare)
--   failed       ffmpeg could not read the video
--   unavailable  the server has no ffmpeg
ALTER TABLE uploads ADD COLUMN frames_state text CHECK (frames_state IN ('pending', 'done', 'failed', 'unavailable'));
ALTER TABLE uploads ADD COLUMN frames_sampled smallint CHECK (frames_sampled >= 0);
-- Videos received before this migration were never compared: they wait for the sweep like new ones.
UPDATE uploads SET frames_state = 'pending' WHERE kind = 'video';
ALTER TABLE uploads ADD CONSTRAINT uploads_frames_video_only CHECK ((kind = 'video') = (frames_state IS NOT NULL));
CREATE INDEX uploads_frames_pending_idx ON uploads (created_at) WHERE frames_state = 'pending';
