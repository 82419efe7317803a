/**
 * The Xen release a run models (xen-model.md, "Versions"). Where Xen 4.3.0 (July 2013,
 * the design discussion's time) and current Xen (4.19) behave differently, every kernel
 * takes the version explicitly and follows that column. A fact with no version label in
 * the spec holds for both.
 */
export type XenVersion = '4.3' | '4.19';

export const XEN_VERSIONS: readonly XenVersion[] = ['4.3', '4.19'];

/** The 2013 setting. */
export const DEFAULT_XEN: XenVersion = '4.3';
