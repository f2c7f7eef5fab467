import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_SEED_COUNT } from './resolveConfig';

/** The `--help` text. */
export const USAGE = `Usage: mediashelf [command] [options]

A development server for the mediashelf media library: the HTTP API of createMediaHandler with
realtime progress over WebSocket, on embedded PGlite and local disk by default.

Commands:
  serve            Run migrations and serve the API (default)
  migrate          Apply pending database migrations and exit
  purge            Remove trash older than the retention period (30 days) and finish
                   interrupted storage work, then exit
  seed [count]     Upload <count> generated demo files (default ${DEFAULT_SEED_COUNT}) into a tenant, link
                   some to courses and move some to the trash

Options:
  -p, --port <n>            Port to listen on; 0 picks a free one    [env PORT, default ${DEFAULT_PORT}]
      --host <host>         Interface to listen on                    [env HOST, default ${DEFAULT_HOST}]
      --data-dir <dir>      PGlite database (<dir>/db) and files (<dir>/files)
                                                          [env MEDIASHELF_DATA_DIR, default .data]
      --database-url <url>  PostgreSQL instead of PGlite              [env DATABASE_URL]
      --max-file-size <s>   Largest upload, e.g. 500MB or 2GiB  [env MEDIASHELF_MAX_FILE_SIZE, default 5GiB]
      --cors <origins>      Let browsers on these origins call the API, comma-separated
                            (e.g. http://localhost:6006), or *     [env MEDIASHELF_CORS_ORIGINS]
      --tenant <id>         Tenant that 'seed' fills                  [default demo]
      --user <id>           User that 'seed' records in the history   [default demo]
  -h, --help                Show this help
  -v, --version             Show the version

S3-compatible storage instead of local disk (AWS S3, Backblaze B2, MinIO, R2):
  MEDIASHELF_S3_BUCKET (required to enable), MEDIASHELF_S3_REGION (default us-east-1),
  MEDIASHELF_S3_ENDPOINT, AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (else the SDK's default
  chain), MEDIASHELF_S3_PREFIX, MEDIASHELF_S3_FORCE_PATH_STYLE (default true with an endpoint).
  Needs: npm install @aws-sdk/client-s3 @aws-sdk/lib-storage @aws-sdk/s3-request-presigner

Identity: this server trusts the x-tenant-id and x-user-id request headers (default tenant
"demo", user "demo"). It is for development only. In production, mount createMediaHandler from
'mediashelf/server' in your app with your own authenticate(request).

Examples:
  npx mediashelf                          # http://127.0.0.1:${DEFAULT_PORT}/api/media, data in ./.data
  npx mediashelf seed 50 && npx mediashelf serve --port 8080
  DATABASE_URL=postgresql://user@localhost:5432/lms npx mediashelf migrate
`;
