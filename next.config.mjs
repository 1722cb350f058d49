/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WebAssembly and data files, pg has optional native bindings:
  // both must be loaded by Node at run time, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'openai'],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
