/*
 * open311.h - issues as Open311 GeoReport v2 service requests: the JSON of
 * a "requests" response, an array of request objects, so that civic-tech
 * tools written for Open311 can read gridkit's issues (grid-export issues
 * -o open311).  It validates against the published request schema
 * (tests/2050-open311.t).
 *
 *   service_request_id  the id, as a string
 *   status              open (open, routed, accepted) or closed
 *                       (resolved, closed, rejected)
 *   status_notes        gridkit's own status, and the answer or the reason
 *   service_name, service_code   the category
 *   description         the text (at most 4000 characters)
 *   agency_responsible  the lead unit's name; null before routing
 *   requested_datetime, updated_datetime, expected_datetime
 *                       filed, last changed, due: ISO 8601 with the offset
 *   address             the household's address, masked unless reveal;
 *                       for an issue found in a grid, the grid's name
 *   extended_attributes gridkit's fields: status, rung, level, held_by,
 *                       grid, unit, assisting_units, escalations, at_root,
 *                       source, ref, private, duplicate_of and the times
 *                       of the life (routed_datetime, ...)
 *
 * Never the resident's name, ID number or phone: unless reveal is set, the
 * phone and ID numbers typed into the text, the answer or the reason are
 * masked (redact.h).  A private issue (a
 * matter answered to the resident only) keeps its text, answer and
 * address out unless reveal is set.
 */
#ifndef GK_OPEN311_H
#define GK_OPEN311_H

#include <stdio.h>

#include "grid_export.h"
#include "store.h"

/* write the issues o selects (subtree, filing dates, reveal) to fp;
 * returns the exit code */
int grid_export_open311_write(struct store *st, const struct grid_export_opts *o, FILE *fp);

#endif
