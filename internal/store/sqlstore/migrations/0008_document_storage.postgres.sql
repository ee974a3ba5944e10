-- Application files are PDFs and Office documents: compressed already, so
-- TOAST's compression only costs CPU on every write and read. EXTERNAL
-- keeps them out of line, uncompressed.
ALTER TABLE application_documents ALTER COLUMN data SET STORAGE EXTERNAL;
