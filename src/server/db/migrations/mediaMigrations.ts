import { initialSchema } from './initialSchema';
import type { Migration } from './Migration';
import { serviceSupport } from './serviceSupport';

/** Every migration of the media library, oldest first. Append; never edit a released one. */
export const mediaMigrations: readonly Migration[] = [initialSchema, serviceSupport];
