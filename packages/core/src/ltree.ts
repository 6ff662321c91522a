import { ValidationError } from './errors';

/** One ltree label: letters, digits, underscore (and hyphen since PG16; we keep the portable set). */
const LABEL = /^[A-Za-z0-9_]{1,256}$/;

/** Validates an ltree path such as `geo.borders`; throws ValidationError naming `where`. */
export function assertLtreePath(path: string, where?: string): string {
  if (typeof path !== 'string' || path.length === 0) {
    throw new ValidationError('ltree path must be a non-empty string', where);
  }
  const labels = path.split('.');
  for (const [i, label] of labels.entries()) {
    if (!LABEL.test(label)) {
      throw new ValidationError(
        `invalid ltree label ${JSON.stringify(label)} at position ${i}: use letters, digits and underscore`,
        where,
      );
    }
  }
  return path;
}

/** True when `path` is a valid ltree path. */
export function isLtreePath(path: string): boolean {
  try {
    assertLtreePath(path);
    return true;
  } catch {
    return false;
  }
}

/** Turns free text (a relationship type) into a valid ltree label: `part of` -> `part_of`. */
export function toLtreeLabel(text: string): string {
  const label = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return label === '' ? 'x' : label.slice(0, 256);
}
