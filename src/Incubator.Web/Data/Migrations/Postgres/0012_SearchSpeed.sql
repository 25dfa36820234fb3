-- Search speed: nothing to change in the schema on PostgreSQL. Its engine bounds the work per query instead (at
-- most Search:ExactUpTo matches ranked and counted) and turns JIT off for search statements; both are code. The
-- script keeps the two providers' migration lists the same.
SELECT 1;
