/**
 * Uploads (R-5.2, R-6.1b, R-5.7, R-14): photos and videos are uploaded first, checked and stored; a report then
 * names them (`claimUploads` + `attachToReport` in the report's transaction).
 */
export { claimUploads } from './claim-uploads.ts';
export { isUuid } from './ids.ts';
export { originalOfUpload, publicCopyContent, type StoredContent } from './read-uploads.ts';
export { openUploadBatch, UPLOAD_SUBJECT, type UploadBatch } from './receive-uploads.ts';
export { attachToReport, mediaOfReport, type ReportMediaItem, type ReportMediaRole, type UploadRow } from '../../db/repos/uploads.repo.ts';
