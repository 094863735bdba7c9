/** The emulator's content: a deterministic world generator and the storage-format renderers. */
export { generateWorld, FIRST_ID } from './generate';
export type { GenerateOptions } from './generate';
export { WELL_KNOWN_USERS } from './users';
export { renderStorageToView, storageToPlainText } from './render-view';
export type { RenderViewContext } from './render-view';
