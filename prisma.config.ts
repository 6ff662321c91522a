// Prisma CLI configuration (Prisma 7 keeps the datasource URL here, not in schema.prisma).
// RustyGPT applies prisma/migrations with its own runner (packages/store/src/migrate.ts); Prisma
// is used for schema validation and tooling. Offline validation:
//   PRISMA_SCHEMA_ENGINE_BINARY=/bin/true npx prisma validate
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5433/postgres?sslmode=disable',
  },
});
