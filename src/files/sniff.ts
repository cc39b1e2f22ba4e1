import { fileTypeFromFile } from 'file-type';

/**
 * What a file is, from its bytes (magic numbers, and for Office files the parts inside the zip),
 * not from its name or the type the client claims. Only the kinds an audit file holds are taken:
 * PDF (reports, letters, scanned certificates), JPEG and PNG (photos of receipts), Word and Excel
 * documents. The name's extension must agree with the content, so `invoice.pdf` that is really a
 * zip or an executable is refused.
 */
export const ALLOWED_TYPES: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
};

export type SniffResult = { ok: true; contentType: string; ext: string } | { ok: false; message: string };

export async function sniff(path: string, filename: string): Promise<SniffResult> {
  const found = await fileTypeFromFile(path);
  const accepted = Object.values(ALLOWED_TYPES).flat().join(', ');
  if (!found) return { ok: false, message: `the content is not a file type we keep (${accepted})` };
  const exts = ALLOWED_TYPES[found.mime];
  if (!exts) return { ok: false, message: `the content is ${found.mime} (.${found.ext}); only ${accepted} are kept` };
  const nameExt = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  if (!nameExt || !exts.includes(nameExt)) return { ok: false, message: `the name says .${nameExt ?? '(none)'} but the content is ${found.mime} (.${exts[0]})` };
  return { ok: true, contentType: found.mime, ext: found.ext };
}

/** A file name we can store and send back: no folders, no control characters, at most 200 characters. */
export function filenameProblem(name: string | null | undefined): string | null {
  if (!name || !name.trim()) return 'is required (the ?filename= parameter)';
  if (name.length > 200) return 'at most 200 characters';
  if (/[\\/\u0000-\u001f\u007f]/.test(name) || name === '.' || name === '..') return 'must be a plain file name (no folders or control characters)';
  return null;
}
