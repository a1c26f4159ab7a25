/* sql_pgsql.h - the PostgreSQL driver of sql.h, through libpq */
#ifndef GK_SQL_PGSQL_H
#define GK_SQL_PGSQL_H
#include "sql_driver.h"
extern const struct sql_driver sql_pgsql_driver;
#endif
