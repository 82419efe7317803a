// Static export. BASE_PATH lets a docs site host the playground under a sub-path
// (every internal URL goes through basePath / assetPrefix, and NEXT_PUBLIC_BASE_PATH
// lets the client build absolute links such as share and embed URLs).
// NEXT_DIST_DIR writes the export somewhere other than out/ (the sub-path e2e uses it).
// The bench pages (app/bench/*/page.bench.tsx) are routes only when BENCH_PAGES=1
// (`npm run build:bench`, bench/serve.ts): the public export has none.
const basePath = (process.env.BASE_PATH || '').replace(/\/$/, '');
const bench = process.env.BENCH_PAGES === '1';
module.exports = {
  output: 'export',
  images: { unoptimized: true },
  trailingSlash: true,
  basePath,
  assetPrefix: basePath || undefined,
  env: { NEXT_PUBLIC_BASE_PATH: basePath },
  reactStrictMode: true,
  pageExtensions: bench ? ['bench.tsx', 'tsx', 'ts', 'jsx', 'js'] : ['tsx', 'ts', 'jsx', 'js'],
  ...(process.env.NEXT_DIST_DIR ? { distDir: process.env.NEXT_DIST_DIR } : {}),
};
