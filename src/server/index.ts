/**
 * `mediashelf/server`: the server SDK for Node. The media service on PostgreSQL or embedded
 * PGlite and on local or S3-compatible storage, with its database layer and storage drivers.
 *
 * @packageDocumentation
 */
export * from './actions';
export * from './db';
export * from './http';
export * from './realtime';
export * from './service';
export * from './storage';
