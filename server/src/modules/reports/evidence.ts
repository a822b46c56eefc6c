import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../platform/errors.js';

/** Evidence files: the types a report takes, told from the bytes (`file-type`), never from the
 * name or the content type the browser claims. */
export const EVIDENCE_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  png: 'image/png',
};

export const MAX_EVIDENCE_BYTES = 20 * 1024 * 1024;

/** The content type of an accepted evidence file; 415 `file_type_not_allowed` otherwise. */
export async function evidenceType(fileName: string, bytes: Buffer): Promise<{ ext: string; mime: string }> {
  const found = await fileTypeFromBuffer(bytes);
  const mime = found ? EVIDENCE_TYPES[found.ext] : undefined;
  if (!found || mime !== found.mime) {
    throw new AppError(415, 'file_type_not_allowed', { name: fileName, detected: found?.ext ?? '?' });
  }
  return { ext: found.ext, mime };
}
