import { MAX_BULK_IDS, MediaError } from 'mediashelf/core';

// Longer than any id or name the library issues or accepts; bounds what a caller can make us hold.
const MAX_STRING_LENGTH = 4096;

/** A plain object of untrusted fields. */
export type Fields = Record<string, unknown>;

const invalid = (field: string, message: string) =>
  new MediaError('VALIDATION_ERROR', `${field} ${message}`, { details: { field } });

/** The argument as an object of fields; `undefined` is an empty object when `optional`. */
export function fieldsOf(value: unknown, optional = false): Fields {
  if (value === undefined && optional) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isFormData(value)) {
    throw invalid('params', 'must be an object');
  }
  return value as Fields;
}

/** A required string (non-empty unless `allowEmpty`). */
export function requiredString(fields: Fields, field: string, allowEmpty = false): string {
  const value = fields[field];
  if (typeof value !== 'string') throw invalid(field, 'must be a string');
  if (!allowEmpty && value === '') throw invalid(field, 'must not be empty');
  if (value.length > MAX_STRING_LENGTH)
    throw invalid(field, `must be at most ${MAX_STRING_LENGTH} characters`);
  return value;
}

/** An optional string; null counts as absent. */
export function optionalString(fields: Fields, field: string): string | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  return requiredString(fields, field, true);
}

/** An optional finite number; null counts as absent. Range checks are the service's. */
export function optionalNumber(fields: Fields, field: string): number | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(field, 'must be a number');
  return value;
}

/** A required integer. */
export function requiredInteger(fields: Fields, field: string): number {
  const value = fields[field];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw invalid(field, 'must be an integer');
  return value;
}

/** An optional boolean; null counts as absent. */
export function optionalBoolean(fields: Fields, field: string): boolean | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalid(field, 'must be a boolean');
  return value;
}

/** A string or a list of strings (the `kind` filter). */
export function optionalStringOrList(fields: Fields, field: string): string | string[] | undefined {
  const value = fields[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return requiredString(fields, field, true);
  if (!Array.isArray(value) || value.length > 100 || !value.every((entry) => typeof entry === 'string')) {
    throw invalid(field, 'must be a string or a list of strings');
  }
  return [...value];
}

/** A list of ids for a bulk operation. */
export function requiredIdList(fields: Fields, field: string): string[] {
  const value = fields[field];
  if (!Array.isArray(value)) throw invalid(field, 'must be a list of ids');
  if (value.length > MAX_BULK_IDS) throw invalid(field, `must hold at most ${MAX_BULK_IDS} ids`);
  for (const entry of value) {
    if (typeof entry !== 'string' || entry.length > MAX_STRING_LENGTH) {
      throw invalid(field, 'must hold only string ids');
    }
  }
  return [...value];
}

/** Whether a value is a FormData (duck-typed: the host's FormData may come from another realm). */
export function isFormData(value: unknown): value is FormData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FormData).get === 'function' &&
    typeof (value as FormData).getAll === 'function' &&
    typeof (value as FormData).append === 'function'
  );
}

/** Whether a value is a Blob (or File). */
export function isBlob(value: unknown): value is Blob {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Blob).stream === 'function' &&
    typeof (value as Blob).size === 'number'
  );
}

/** The form of an upload or replacement. */
export function formOf(value: unknown): FormData {
  if (!isFormData(value)) throw invalid('formData', 'must be a FormData');
  return value;
}

/** The single file of a form field. */
export function formFile(form: FormData, field: string): Blob {
  const values = form.getAll(field);
  if (values.length !== 1 || !isBlob(values[0])) throw invalid(field, 'must be exactly one file');
  return values[0];
}

/** An optional single string of a form field. */
export function formString(form: FormData, field: string): string | undefined {
  const values = form.getAll(field);
  if (values.length === 0) return undefined;
  if (values.length !== 1 || typeof values[0] !== 'string') throw invalid(field, 'must be one string');
  return requiredString({ [field]: values[0] }, field, true);
}
