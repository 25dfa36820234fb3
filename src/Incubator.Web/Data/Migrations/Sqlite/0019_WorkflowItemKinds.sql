-- Each workflow instance names the kind of item it concerns, so the site hands its effects (status, notifications,
-- assignment, conditions, links) to the feature that owns that kind instead of guessing it from the item's id.
ALTER TABLE "WorkflowInstances" ADD COLUMN "ItemKind" TEXT NOT NULL DEFAULT '';

-- Instances started before this knew their item only by id: the kind is found where that id lives.
UPDATE "WorkflowInstances" SET "ItemKind" = 'application'
WHERE "CorrelationId" IN (SELECT "Id" FROM "Applications");

UPDATE "WorkflowInstances" SET "ItemKind" = 'profile'
WHERE "ItemKind" = ''
  AND ("CorrelationId" IN (SELECT "ContentItemId" FROM "Startups")
    OR "CorrelationId" IN (SELECT "ContentItemId" FROM "Enterprises")
    OR "CorrelationId" IN (SELECT "ContentItemId" FROM "Mentors")
    OR "CorrelationId" IN (SELECT "ContentItemId" FROM "Organisations"));
