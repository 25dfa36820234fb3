-- Custom fields: recipes add fields to the directory's content types; each profile keeps its values as one JSON
-- object of strings. Existing profiles start with none.
CREATE TABLE "CustomFields" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_CustomFields" PRIMARY KEY AUTOINCREMENT,
    "ContentType" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "LabelVi" TEXT NOT NULL,
    "LabelEn" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Required" INTEGER NOT NULL,
    "Public" INTEGER NOT NULL,
    "Searchable" INTEGER NOT NULL,
    "OptionsJson" TEXT NOT NULL,
    "Position" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_CustomFields_ContentType_Name" ON "CustomFields" ("ContentType", "Name");

ALTER TABLE "Startups" ADD COLUMN "CustomFields" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Enterprises" ADD COLUMN "CustomFields" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Mentors" ADD COLUMN "CustomFields" TEXT NOT NULL DEFAULT '{}';
ALTER TABLE "Organisations" ADD COLUMN "CustomFields" TEXT NOT NULL DEFAULT '{}';
