/**
 * `mediashelf`: the styled React components (arriving with the components issue) and, for
 * convenience, the core contract.
 *
 * @packageDocumentation
 */
export * from 'mediashelf/core';
