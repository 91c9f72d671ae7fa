// The benchmark's peer: PostGraphile 5 with the amber preset and its default inflection,
// plus the two community presets that give it the shapes our gateway serves (filter with
// case-insensitive contains, aggregates, grouped aggregates). `bench/servers.py` copies
// this file next to the cached node_modules and runs the PostGraphile CLI with it.
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";
import { PgAggregatesPreset } from "@graphile/pg-aggregates";

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset, PgAggregatesPreset],
  // Amber only exposes ordering and conditions on indexed columns; the shapes order by
  // company and test deleted_at, which our schema allows on the same indexes.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [
    makePgService({
      connectionString: process.env.BENCH_DATABASE_URL,
      schemas: ["public"],
    }),
  ],
  grafserv: {
    host: "127.0.0.1",
    port: Number(process.env.PORT),
    graphiql: false,
    watch: false,
  },
  grafast: { explain: false },
};

export default preset;
