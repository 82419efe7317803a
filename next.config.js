// Static export. BASE_PATH lets a docs site host the playground under a sub-path.
const basePath = process.env.BASE_PATH || '';
module.exports = {
  output: 'export',
  images: { unoptimized: true },
  trailingSlash: true,
  basePath,
  assetPrefix: basePath || undefined,
  reactStrictMode: true,
};
