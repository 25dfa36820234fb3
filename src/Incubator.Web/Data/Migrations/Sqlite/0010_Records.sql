-- Records staff keep for the provincial targets (Features/Records): protected IP, technology transactions,
-- intermediary organisations and technical-innovation contest entries, each kind in a table of its own.
CREATE TABLE "ContestEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ContestEntries" PRIMARY KEY AUTOINCREMENT,
    "Title" TEXT NOT NULL,
    "Authors" TEXT NOT NULL,
    "Field" TEXT NULL,
    "Round" TEXT NOT NULL,
    "Result" TEXT NOT NULL,
    "AppliedInProduction" INTEGER NOT NULL,
    "Key" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Notes" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE TABLE "Intermediaries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Intermediaries" PRIMARY KEY AUTOINCREMENT,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "JoinedNetwork" INTEGER NOT NULL,
    "JoinedOn" TEXT NULL,
    "OrganisationId" TEXT NULL,
    "Key" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Notes" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE TABLE "IpRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IpRecords" PRIMARY KEY AUTOINCREMENT,
    "ObjectKind" TEXT NOT NULL,
    "Owner" TEXT NOT NULL,
    "Product" TEXT NULL,
    "Title" TEXT NOT NULL,
    "CertificateNumber" TEXT NOT NULL,
    "GrantedOn" TEXT NOT NULL,
    "KeyProduct" INTEGER NOT NULL,
    "Key" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Notes" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE TABLE "TechnologyTransactions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TechnologyTransactions" PRIMARY KEY AUTOINCREMENT,
    "Seller" TEXT NOT NULL,
    "Buyer" TEXT NOT NULL,
    "Technology" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Value" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "RegistrationNumber" TEXT NULL,
    "Key" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Notes" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UpdatedUtc" TEXT NOT NULL,
    "UpdatedBy" TEXT NULL
);

CREATE UNIQUE INDEX "IX_ContestEntries_Key" ON "ContestEntries" ("Key");

CREATE INDEX "IX_ContestEntries_Locality" ON "ContestEntries" ("Locality");

CREATE INDEX "IX_ContestEntries_Round" ON "ContestEntries" ("Round");

CREATE UNIQUE INDEX "IX_Intermediaries_Key" ON "Intermediaries" ("Key");

CREATE INDEX "IX_Intermediaries_Locality" ON "Intermediaries" ("Locality");

CREATE INDEX "IX_IpRecords_GrantedOn" ON "IpRecords" ("GrantedOn");

CREATE UNIQUE INDEX "IX_IpRecords_Key" ON "IpRecords" ("Key");

CREATE INDEX "IX_IpRecords_Locality" ON "IpRecords" ("Locality");

CREATE INDEX "IX_TechnologyTransactions_Date" ON "TechnologyTransactions" ("Date");

CREATE UNIQUE INDEX "IX_TechnologyTransactions_Key" ON "TechnologyTransactions" ("Key");

CREATE INDEX "IX_TechnologyTransactions_Locality" ON "TechnologyTransactions" ("Locality");
