-- Retention needs each partition's size and first offset. Nothing was ever deleted before, so the
-- first offset is the smallest still in the log (the next one for an empty partition). The size of a
-- record is what pruning subtracts (RECORD_SIZE in src/pglog/index.ts): value, key and headers.
UPDATE "eventbus"."partition_heads" h SET
  "bytes" = coalesce((
    SELECT sum(octet_length(l."value") + coalesce(octet_length(l."key"), 0) + octet_length(l."headers"::text))
    FROM "eventbus"."log" l WHERE l."topic" = h."topic" AND l."partition" = h."partition"
  ), 0),
  "log_start" = coalesce((
    SELECT min(l."offset") FROM "eventbus"."log" l WHERE l."topic" = h."topic" AND l."partition" = h."partition"
  ), h."next_offset");
