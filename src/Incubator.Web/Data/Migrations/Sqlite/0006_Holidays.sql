-- The working-day calendar moves from code into the database, where recipes (step Holidays) and staff
-- (/admin/workflows/calendar) set it.
CREATE TABLE "Holidays" (
    "Date" TEXT NOT NULL CONSTRAINT "PK_Holidays" PRIMARY KEY,
    "Name" TEXT NOT NULL
);

-- A site set up before this migration counted these days as holidays from the code; it keeps them. A fresh
-- database has no "setup:recipe" yet, so it gets nothing here: its set-up recipe brings the calendar.
INSERT INTO "Holidays" ("Date", "Name")
SELECT column1, column2 FROM (VALUES
    ('2026-01-01', 'Tết Dương lịch'),
    ('2026-02-16', 'Tết Nguyên đán'),
    ('2026-02-17', 'Tết Nguyên đán'),
    ('2026-02-18', 'Tết Nguyên đán'),
    ('2026-02-19', 'Tết Nguyên đán'),
    ('2026-02-20', 'Tết Nguyên đán'),
    ('2026-04-27', 'Giỗ Tổ Hùng Vương (nghỉ bù)'),
    ('2026-04-30', 'Ngày Chiến thắng'),
    ('2026-05-01', 'Ngày Quốc tế Lao động'),
    ('2026-09-01', 'Quốc khánh (ngày liền kề)'),
    ('2026-09-02', 'Quốc khánh'),
    ('2027-01-01', 'Tết Dương lịch'),
    ('2027-02-05', 'Tết Nguyên đán (dự kiến)'),
    ('2027-02-08', 'Tết Nguyên đán (dự kiến)'),
    ('2027-02-09', 'Tết Nguyên đán (dự kiến)'),
    ('2027-02-10', 'Tết Nguyên đán (nghỉ bù, dự kiến)'),
    ('2027-02-11', 'Tết Nguyên đán (nghỉ bù, dự kiến)'),
    ('2027-04-16', 'Giỗ Tổ Hùng Vương'),
    ('2027-04-30', 'Ngày Chiến thắng'),
    ('2027-05-03', 'Ngày Quốc tế Lao động (nghỉ bù)'),
    ('2027-09-02', 'Quốc khánh'),
    ('2027-09-03', 'Quốc khánh (ngày liền kề, dự kiến)')
)
WHERE EXISTS (SELECT 1 FROM "SiteSettings" WHERE "Key" = 'setup:recipe');
