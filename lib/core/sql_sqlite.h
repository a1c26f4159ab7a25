/* sql_sqlite.h - the SQLite driver of sql.h: a file, the default store */
#ifndef GK_SQL_SQLITE_H
#define GK_SQL_SQLITE_H
#include "sql_driver.h"
extern const struct sql_driver sql_sqlite_driver;
#endif
