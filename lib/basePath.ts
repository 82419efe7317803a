/** The sub-path the static export is served under ('' at the root), from BASE_PATH at build time. */
export const BASE_PATH: string = (process.env.NEXT_PUBLIC_BASE_PATH ?? '').replace(/\/$/, '');

/** Absolute URL of a route of this app, e.g. routeUrl('/embed/') → https://host/sub/embed/. */
export function routeUrl(route: string): string {
  return `${window.location.origin}${BASE_PATH}${route}`;
}
