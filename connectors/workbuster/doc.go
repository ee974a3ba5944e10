// Package workbuster is the connector for Workbuster, a Swedish ATS. An
// integration either names a feed, and jobgate polls it, or names none,
// and Workbuster (or the employer) pushes ads through jobgate's generic ad
// API (PUT/DELETE /v1/ads/{reference}) with the key jobgate issued.
//
// Workbuster publishes no technical documentation (research/ats-vendors.md
// §6: end-user help pages only, http://kb.workbuster.se/vacant-position/).
// The feed is known from the one public program found that consumes it:
// github.com/Naicah/Retargeting_app (a 2019 KYH student project built for
// Workbuster, first named KYH_Workbuster; snapshot 6093226). What it shows
// is marked [C]; [I] is inferred from it, [U] is unknown:
//
//   - [C] The feed is one unauthenticated GET per customer,
//     https://api.workbuster.com/jobs/feed/{customer}?format=json
//     (database/update_database.js: customer "kyhdemo", polled every
//     minute, no credentials sent). The integration gives the customer
//     (setting customer, a slug; base_url replaces
//     https://api.workbuster.com) or the whole URL (setting feed_url).
//   - [C] The body is an object whose "jobs" member lists the customer's
//     published jobs (res.body.jobs). [U] Any other member; [U] paging:
//     the consumer reads one document, so jobgate reads one and takes it
//     as the whole list. A body without a "jobs" list is refused, never
//     read as "no jobs".
//   - [I] The body is application/json: the consumer's HTTP client
//     (superagent) parses a body into an object only for a JSON media type.
//   - [C] Each job's fields (update_database.js, feed/jobs.js history):
//     id, title, description_short, last_application_timestamp,
//     published_first_date, updated_timestamp, apply_url, image,
//     company.name, company.city, location.city, location.name and
//     department.name. [C] id is an integer (the consumer's table keys on
//     it as one, knex/migrations/1554972167713-migration.js); jobgate reads
//     a number or a string. [C] location.city can be missing: the consumer
//     falls back to location.name, and made its city column nullable
//     (knex/migrations/20190516141521_remove_notNull_location.js).
//   - [C] Value shapes (knex/seeds/ads_seed.js at 7f33026, copied from the
//     feed): last_application_timestamp "2019-04-18T23:59:59+02:00" (the
//     end of the closing day in the customer's zone; the help page calls
//     it the "closing date for applications", also the last publication
//     date), published_first_date "2019-03-18", updated_timestamp
//     "2019-03-18T16:21:15.589Z", image an https URL. Job pages are
//     https://{customer}.workbuster.com/jobs/{id}-{slug}
//     (facebook/create_ads.js).
//   - [U] A long description, employment type and extent, salary, a
//     contact person or recruiter, country, postal code, language: none
//     appears in the consumer's code, so none is read. The ad's text is
//     description_short; the full text is on Workbuster's page, where
//     apply_url sends the candidate.
//   - [U] Conditional requests: validators are sent when the last answer
//     had them, and a full answer is taken as well.
//
// Mapping: title; description_short (plain text made paragraphs, HTML
// kept and sanitised by jobgate); company.name as the employer (setting
// employer_name when a job has none); location.city, else location.name,
// as the city; the date of last_application_timestamp as written (its own
// offset's day) as the deadline; department.name as the department and a
// category; apply_url as where candidates apply. image,
// published_first_date, updated_timestamp and company.city (the
// employer's own city, not the job's) have no place in the canonical ad.
//
// Workbuster has no public candidate-intake API either: applications
// always go to the ad's apply_url on Workbuster's career page (redirect),
// whatever the integration's settings say.
package workbuster
