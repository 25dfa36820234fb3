-- The working-day calendar moves from code into the database, where recipes (step Holidays) and staff
-- (/admin/workflows/calendar) set it.
CREATE TABLE "Holidays" (
    "Date" date NOT NULL,
    "Name" character varying(200) NOT NULL,
    CONSTRAINT "PK_Holidays" PRIMARY KEY ("Date")
);

-- A site set up before this migration counted these days as holidays from the code; it keeps them. A fresh
-- database has no "setup:recipe" yet, so it gets nothing here: its set-up recipe brings the calendar.
INSERT INTO "Holidays" ("Date", "Name")
SELECT d."Date", d."Name" FROM (VALUES
    (DATE '2026-01-01', 'Tết Dương lịch'),
    (DATE '2026-02-16', 'Tết Nguyên đán'),
    (DATE '2026-02-17', 'Tết Nguyên đán'),
    (DATE '2026-02-18', 'Tết Nguyên đán'),
    (DATE '2026-02-19', 'Tết Nguyên đán'),
    (DATE '2026-02-20', 'Tết Nguyên đán'),
    (DATE '2026-04-27', 'Giỗ Tổ Hùng Vương (nghỉ bù)'),
    (DATE '2026-04-30', 'Ngày Chiến thắng'),
    (DATE '2026-05-01', 'Ngày Quốc tế Lao động'),
    (DATE '2026-09-01', 'Quốc khánh (ngày liền kề)'),
    (DATE '2026-09-02', 'Quốc khánh'),
    (DATE '2027-01-01', 'Tết Dương lịch'),
    (DATE '2027-02-05', 'Tết Nguyên đán (dự kiến)'),
    (DATE '2027-02-08', 'Tết Nguyên đán (dự kiến)'),
    (DATE '2027-02-09', 'Tết Nguyên đán (dự kiến)'),
    (DATE '2027-02-10', 'Tết Nguyên đán (nghỉ bù, dự kiến)'),
    (DATE '2027-02-11', 'Tết Nguyên đán (nghỉ bù, dự kiến)'),
    (DATE '2027-04-16', 'Giỗ Tổ Hùng Vương'),
    (DATE '2027-04-30', 'Ngày Chiến thắng'),
    (DATE '2027-05-03', 'Ngày Quốc tế Lao động (nghỉ bù)'),
    (DATE '2027-09-02', 'Quốc khánh'),
    (DATE '2027-09-03', 'Quốc khánh (ngày liền kề, dự kiến)')
) AS d("Date", "Name")
WHERE EXISTS (SELECT 1 FROM "SiteSettings" WHERE "Key" = 'setup:recipe');
