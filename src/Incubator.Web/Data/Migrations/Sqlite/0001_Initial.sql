CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);


CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);


CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "ContentType" TEXT NOT NULL,
    "ContentItemId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Action" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "AtUtc" TEXT NOT NULL,
    "Comment" TEXT NULL
);


CREATE TABLE "Enterprises" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Enterprises" PRIMARY KEY AUTOINCREMENT,
    "TaxCode" TEXT NULL,
    "CertificateNumber" TEXT NULL,
    "CertificateDate" TEXT NULL,
    "CertificateIssuer" TEXT NULL,
    "Technologies" TEXT NULL,
    "ScienceRevenueShare" TEXT NULL,
    "ContentItemId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Latest" INTEGER NOT NULL,
    "Published" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "PublishedUtc" TEXT NULL,
    "DeletedUtc" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Sectors" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Website" TEXT NULL,
    "ContactEmail" TEXT NULL,
    "ContactPhone" TEXT NULL,
    "ReviewState" TEXT NOT NULL,
    "ReviewComment" TEXT NULL,
    "SubmittedUtc" TEXT NULL
);


CREATE TABLE "Mentors" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Mentors" PRIMARY KEY AUTOINCREMENT,
    "Expertise" TEXT NULL,
    "OrganisationName" TEXT NULL,
    "Availability" TEXT NULL,
    "IsReviewer" INTEGER NOT NULL,
    "ContentItemId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Latest" INTEGER NOT NULL,
    "Published" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "PublishedUtc" TEXT NULL,
    "DeletedUtc" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Sectors" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Website" TEXT NULL,
    "ContactEmail" TEXT NULL,
    "ContactPhone" TEXT NULL,
    "ReviewState" TEXT NOT NULL,
    "ReviewComment" TEXT NULL,
    "SubmittedUtc" TEXT NULL
);


CREATE TABLE "News" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_News" PRIMARY KEY AUTOINCREMENT,
    "Summary" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "ContentItemId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Latest" INTEGER NOT NULL,
    "Published" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "PublishedUtc" TEXT NULL,
    "DeletedUtc" TEXT NULL
);


CREATE TABLE "Organisations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Organisations" PRIMARY KEY AUTOINCREMENT,
    "Kind" TEXT NOT NULL,
    "ContentItemId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Latest" INTEGER NOT NULL,
    "Published" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "PublishedUtc" TEXT NULL,
    "DeletedUtc" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Sectors" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Website" TEXT NULL,
    "ContactEmail" TEXT NULL,
    "ContactPhone" TEXT NULL,
    "ReviewState" TEXT NOT NULL,
    "ReviewComment" TEXT NULL,
    "SubmittedUtc" TEXT NULL
);


CREATE TABLE "OutboxEmails" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxEmails" PRIMARY KEY AUTOINCREMENT,
    "To" TEXT NOT NULL,
    "Subject" TEXT NOT NULL,
    "HtmlBody" TEXT NOT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "SentUtc" TEXT NULL,
    "Attempts" INTEGER NOT NULL,
    "LastError" TEXT NULL
);


CREATE TABLE "SitePages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SitePages" PRIMARY KEY AUTOINCREMENT,
    "Body" TEXT NOT NULL,
    "ContentItemId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Latest" INTEGER NOT NULL,
    "Published" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "PublishedUtc" TEXT NULL,
    "DeletedUtc" TEXT NULL
);


CREATE TABLE "SiteSettings" (
    "Key" TEXT NOT NULL CONSTRAINT "PK_SiteSettings" PRIMARY KEY,
    "Value" TEXT NOT NULL
);


CREATE TABLE "Startups" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Startups" PRIMARY KEY AUTOINCREMENT,
    "TeamOrCompany" TEXT NULL,
    "TaxCode" TEXT NULL,
    "FoundedOn" TEXT NULL,
    "Stage" TEXT NULL,
    "Products" TEXT NULL,
    "TeamSize" INTEGER NULL,
    "FundingRaised" INTEGER NULL,
    "IncubationStatus" TEXT NOT NULL,
    "ContentItemId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Latest" INTEGER NOT NULL,
    "Published" INTEGER NOT NULL,
    "Title" TEXT NOT NULL,
    "Slug" TEXT NOT NULL,
    "OwnerId" TEXT NULL,
    "CreatedUtc" TEXT NOT NULL,
    "CreatedBy" TEXT NULL,
    "ModifiedUtc" TEXT NOT NULL,
    "ModifiedBy" TEXT NULL,
    "PublishedUtc" TEXT NULL,
    "DeletedUtc" TEXT NULL,
    "Summary" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Sectors" TEXT NOT NULL,
    "Locality" TEXT NULL,
    "Website" TEXT NULL,
    "ContactEmail" TEXT NULL,
    "ContactPhone" TEXT NULL,
    "ReviewState" TEXT NOT NULL,
    "ReviewComment" TEXT NULL,
    "SubmittedUtc" TEXT NULL
);


CREATE TABLE "TaxonomyTerms" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TaxonomyTerms" PRIMARY KEY AUTOINCREMENT,
    "Taxonomy" TEXT NOT NULL,
    "Code" TEXT NOT NULL,
    "ParentCode" TEXT NULL,
    "NameVi" TEXT NOT NULL,
    "NameEn" TEXT NOT NULL,
    "Order" INTEGER NOT NULL
);


CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);


CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");


CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");


CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");


CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");


CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");


CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");


CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");


CREATE INDEX "IX_AuditEntries_ContentType_ContentItemId" ON "AuditEntries" ("ContentType", "ContentItemId");


CREATE UNIQUE INDEX "IX_Enterprises_ContentItemId_Version" ON "Enterprises" ("ContentItemId", "Version");


CREATE UNIQUE INDEX "IX_Enterprises_LatestItem" ON "Enterprises" ("ContentItemId") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE UNIQUE INDEX "IX_Enterprises_LatestSlug" ON "Enterprises" ("Slug") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE INDEX "IX_Enterprises_Locality" ON "Enterprises" ("Locality");


CREATE INDEX "IX_Enterprises_OwnerId" ON "Enterprises" ("OwnerId");


CREATE INDEX "IX_Enterprises_Published_Slug" ON "Enterprises" ("Published", "Slug");


CREATE INDEX "IX_Enterprises_ReviewState" ON "Enterprises" ("ReviewState");


CREATE UNIQUE INDEX "IX_Mentors_ContentItemId_Version" ON "Mentors" ("ContentItemId", "Version");


CREATE UNIQUE INDEX "IX_Mentors_LatestItem" ON "Mentors" ("ContentItemId") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE UNIQUE INDEX "IX_Mentors_LatestSlug" ON "Mentors" ("Slug") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE INDEX "IX_Mentors_Locality" ON "Mentors" ("Locality");


CREATE INDEX "IX_Mentors_OwnerId" ON "Mentors" ("OwnerId");


CREATE INDEX "IX_Mentors_Published_Slug" ON "Mentors" ("Published", "Slug");


CREATE INDEX "IX_Mentors_ReviewState" ON "Mentors" ("ReviewState");


CREATE UNIQUE INDEX "IX_News_ContentItemId_Version" ON "News" ("ContentItemId", "Version");


CREATE UNIQUE INDEX "IX_News_LatestItem" ON "News" ("ContentItemId") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE UNIQUE INDEX "IX_News_LatestSlug" ON "News" ("Slug") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE INDEX "IX_News_OwnerId" ON "News" ("OwnerId");


CREATE INDEX "IX_News_Published_Slug" ON "News" ("Published", "Slug");


CREATE UNIQUE INDEX "IX_Organisations_ContentItemId_Version" ON "Organisations" ("ContentItemId", "Version");


CREATE UNIQUE INDEX "IX_Organisations_LatestItem" ON "Organisations" ("ContentItemId") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE UNIQUE INDEX "IX_Organisations_LatestSlug" ON "Organisations" ("Slug") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE INDEX "IX_Organisations_Locality" ON "Organisations" ("Locality");


CREATE INDEX "IX_Organisations_OwnerId" ON "Organisations" ("OwnerId");


CREATE INDEX "IX_Organisations_Published_Slug" ON "Organisations" ("Published", "Slug");


CREATE INDEX "IX_Organisations_ReviewState" ON "Organisations" ("ReviewState");


CREATE INDEX "IX_OutboxEmails_SentUtc" ON "OutboxEmails" ("SentUtc");


CREATE UNIQUE INDEX "IX_SitePages_ContentItemId_Version" ON "SitePages" ("ContentItemId", "Version");


CREATE UNIQUE INDEX "IX_SitePages_LatestItem" ON "SitePages" ("ContentItemId") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE UNIQUE INDEX "IX_SitePages_LatestSlug" ON "SitePages" ("Slug") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE INDEX "IX_SitePages_OwnerId" ON "SitePages" ("OwnerId");


CREATE INDEX "IX_SitePages_Published_Slug" ON "SitePages" ("Published", "Slug");


CREATE UNIQUE INDEX "IX_Startups_ContentItemId_Version" ON "Startups" ("ContentItemId", "Version");


CREATE UNIQUE INDEX "IX_Startups_LatestItem" ON "Startups" ("ContentItemId") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE UNIQUE INDEX "IX_Startups_LatestSlug" ON "Startups" ("Slug") WHERE "Latest" AND "DeletedUtc" IS NULL;


CREATE INDEX "IX_Startups_Locality" ON "Startups" ("Locality");


CREATE INDEX "IX_Startups_OwnerId" ON "Startups" ("OwnerId");


CREATE INDEX "IX_Startups_Published_Slug" ON "Startups" ("Published", "Slug");


CREATE INDEX "IX_Startups_ReviewState" ON "Startups" ("ReviewState");


CREATE INDEX "IX_Startups_Stage" ON "Startups" ("Stage");


CREATE UNIQUE INDEX "IX_TaxonomyTerms_Taxonomy_Code" ON "TaxonomyTerms" ("Taxonomy", "Code");


