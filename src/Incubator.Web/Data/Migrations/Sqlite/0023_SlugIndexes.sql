-- Published versions are found by slug: the index leads with the slug, so "WHERE Slug = @slug AND Published" is a
-- seek on both databases (SQLite cannot seek on a bare boolean column that leads the index and scanned the table).
DROP INDEX "IX_Enterprises_Published_Slug";
CREATE INDEX "IX_Enterprises_Slug_Published" ON "Enterprises" ("Slug", "Published");
DROP INDEX "IX_Mentors_Published_Slug";
CREATE INDEX "IX_Mentors_Slug_Published" ON "Mentors" ("Slug", "Published");
DROP INDEX "IX_News_Published_Slug";
CREATE INDEX "IX_News_Slug_Published" ON "News" ("Slug", "Published");
DROP INDEX "IX_Organisations_Published_Slug";
CREATE INDEX "IX_Organisations_Slug_Published" ON "Organisations" ("Slug", "Published");
DROP INDEX "IX_SitePages_Published_Slug";
CREATE INDEX "IX_SitePages_Slug_Published" ON "SitePages" ("Slug", "Published");
DROP INDEX "IX_Startups_Published_Slug";
CREATE INDEX "IX_Startups_Slug_Published" ON "Startups" ("Slug", "Published");
DROP INDEX "IX_Programmes_Published_Slug";
CREATE INDEX "IX_Programmes_Slug_Published" ON "Programmes" ("Slug", "Published");
