/*
 * gen.c - deterministic data for gridkit's benchmarks and examples.
 *
 *   gen [--seed S] [--scale district|county|city] [--households N]
 *       [--cadres N] [--issues N] [--rules N] [--year YYYY] --out DIR
 *
 * Writes levels.csv, units.csv, grids.csv, cadres.csv, households.csv,
 * rules.csv and issues.csv into DIR (created if missing), in the columns of
 * gridkit(7) ("Columns"): UTF-8, a header row, RFC 4180 quoting where a
 * field needs it, '\n' line ends.  A one-line summary goes to stderr.
 * Defaults: --seed 1 --scale county --year 2013.
 *
 * The scales (the real figures of doc/domain.md; the district is for
 * examples/):
 *
 *   district  371399 清河县: 3 townships, 6 work areas, 24 villages;
 *             65 cadres, 2,000 households, 300 issues
 *   county    371323 沂水县: 18 townships and 2 zones, 135 work areas,
 *             1,040 villages; 10,180 cadres, 337,000 households,
 *             35,489 issues (as many as Yishui's first four months)
 *   city      410100 郑州市: 186 street offices and townships, 2,681
 *             communities and villages, 20,000 grids; 45,388 cadres,
 *             3,500,000 households, 1,000,000 issues
 *
 * Units: 10, 24 or 40 departments.  Rules: the district has 20 written by
 * hand; the county and city 200 generated ones (--rules N for any number).
 * Levels (hours to act at each rung): county and district 0 联系干部 72,
 * 1 县 480, 2 乡镇 240, 3 工作片 120, 4 村 120; city 0 联系干部 24, 1 市 120,
 * 2 乡镇办 72, 3 村/社区 48, 4 网格 24 (a city acts faster than a county's
 * monthly meetings).  The options override the counts, never the tree.
 *
 * Codes extend the statistical division codes: depth 2 adds 3 digits
 * (001-099 street office, 100-199 town, 200-399 township, 400-599 for the
 * county's two zones, which is where the division codes put such units),
 * a work area 2, a village or community 3 (001-199 residents' committee,
 * 201-399 villagers' committee), a city grid 2; a household is its leaf's
 * code and 4 digits, a cadre C and 5, a unit U and 2.
 *
 * The same arguments give the same bytes on any machine: every choice comes
 * from xoshiro256** seeded through SplitMix64 from an FNV-1a hash of --seed
 * and the file's name, all arithmetic is on integers, and nothing is read
 * from the machine (no locale, clock or environment).  Each file draws from
 * its own stream, so --issues changes issues.csv only and --rules changes
 * rules.csv only.  tests/bench/check-gen.sh checks all of this.
 *
 * Standalone on purpose (libc only): the benchmarks must not depend on the
 * code they measure.
 *
 *   cc -O2 -std=c11 -Wall -Wextra -o tests/bench/gen tests/bench/gen.c
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static const char usage_line[] =
    "usage: gen [--seed S] [--scale district|county|city] [--households N]\n"
    "           [--cadres N] [--issues N] [--rules N] [--year YYYY] --out DIR\n";

static _Noreturn void
die(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("gen: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(code);
}

static void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die(1, "out of memory");
	return p;
}

/* ------------------------------------------------------------------ */
/* random numbers */

struct rng {
	uint64_t s[4];
};

static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t seedhash;

/* one independent stream per file: seed "/" name */
static void
rng_init(struct rng *r, const char *stream)
{
	uint64_t x = fnv1a(fnv1a(seedhash, "/"), stream);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&x);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
next(struct rng *r)
{
	uint64_t *s = r->s, out = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return out;
}

/* uniform in [0, n) (Lemire's multiply; the bias is below 2^-32) */
static uint32_t
below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((next(r) >> 32) * (uint64_t)n) >> 32);
}

static int
permille(struct rng *r, unsigned p)
{
	return below(r, 1000) < p;
}

/* One draw per statement: C leaves the order in which a call's arguments
 * (or the operands of +) are evaluated unspecified, and gcc and clang do
 * choose differently, so f(PICK(r, a), PICK(r, b)) is not reproducible. */
#define PICK(r, a) ((a)[below((r), LEN(a))])

/* ------------------------------------------------------------------ */
/* CSV rows: built in a buffer, quoted only where RFC 4180 needs it */

struct row {
	char b[4096];
	size_t n;
};

static void
r_add(struct row *w, const char *s, size_t n)
{
	if (w->n + n >= sizeof w->b)
		die(1, "internal error: row too long");
	memcpy(w->b + w->n, s, n);
	w->n += n;
}

static void
r_str(struct row *w, const char *s)
{
	r_add(w, s, strlen(s));
}

static void
r_chr(struct row *w, char c)
{
	r_add(w, &c, 1);
}

/* an unsigned number, zero-padded to width */
static void
r_num(struct row *w, uint64_t v, int width)
{
	char t[24];
	int n = 0;

	do {
		t[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n < width)
		t[n++] = '0';
	while (n)
		r_chr(w, t[--n]);
}

static void
r_csv(struct row *w, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		r_str(w, s);
		return;
	}
	r_chr(w, '"');
	for (; *s; s++) {
		if (*s == '"')
			r_chr(w, '"');
		r_chr(w, *s);
	}
	r_chr(w, '"');
}

static void
r_end(struct row *w, FILE *fp)
{
	r_chr(w, '\n');
	fwrite(w->b, 1, w->n, fp);
	w->n = 0;
}

static const char *outdir;

struct out {
	FILE *fp;
	char path[4096];
};

static void
out_open(struct out *o, const char *name, const char *header)
{
	snprintf(o->path, sizeof o->path, "%s/%s", outdir, name);
	if (!(o->fp = fopen(o->path, "w")))
		die(1, "cannot open '%s': %s", o->path, strerror(errno));
	setvbuf(o->fp, NULL, _IOFBF, 1 << 20);
	fputs(header, o->fp);
	fputc('\n', o->fp);
}

static void
out_close(struct out *o)
{
	int bad = ferror(o->fp);

	if (fclose(o->fp) || bad)
		die(1, "cannot write '%s': %s", o->path, strerror(errno));
}

/* ------------------------------------------------------------------ */
/* dates: days since 1970-01-01 (Hinnant's civil algorithms) */

static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;

	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static unsigned
days_in_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 366 : 365;
}

/* ------------------------------------------------------------------ */
/* names */

/* common surnames, weighted by their share of the population (per 10,000) */
static const struct {
	const char *s;
	unsigned w;
} surnames[] = {
	{"王", 710}, {"李", 700}, {"张", 670}, {"刘", 540}, {"陈", 450},
	{"杨", 310}, {"黄", 220}, {"赵", 220}, {"吴", 200}, {"周", 190},
	{"徐", 170}, {"孙", 160}, {"马", 150}, {"朱", 140}, {"胡", 130},
	{"郭", 120}, {"何", 120}, {"林", 110}, {"高", 110}, {"罗", 110},
	{"郑", 100}, {"梁", 90}, {"谢", 80}, {"宋", 80}, {"唐", 80},
	{"许", 70}, {"韩", 70}, {"冯", 70}, {"邓", 70}, {"曹", 70},
	{"彭", 60}, {"曾", 60}, {"肖", 60}, {"田", 60}, {"董", 60},
	{"袁", 50}, {"潘", 50}, {"于", 50}, {"蒋", 50}, {"蔡", 50},
	{"余", 50}, {"杜", 50}, {"叶", 50}, {"程", 50}, {"苏", 50},
	{"魏", 40}, {"吕", 40}, {"丁", 40}, {"任", 40}, {"沈", 40},
	{"姚", 40}, {"卢", 40}, {"姜", 40}, {"崔", 40}, {"钟", 30},
	{"谭", 30}, {"陆", 30}, {"汪", 30}, {"范", 30}, {"金", 30},
	{"石", 30}, {"廖", 30}, {"贾", 30}, {"夏", 30}, {"付", 20},
	{"方", 20}, {"白", 20}, {"邹", 20}, {"孟", 20}, {"秦", 20},
	{"邱", 20}, {"江", 20}, {"尹", 20}, {"薛", 20}, {"闫", 20},
	{"段", 20}, {"雷", 20}, {"侯", 20}, {"史", 20}, {"葛", 10},
	{"贺", 10}, {"顾", 10}, {"毛", 10}, {"郝", 10}, {"邵", 10},
	{"武", 10}, {"戴", 10}, {"孔", 10}, {"庞", 5}, {"岳", 5},
	/* compound surnames are rare, but masking must cope with them */
	{"欧阳", 3}, {"诸葛", 2}, {"司马", 1}, {"上官", 1},
};
#define NSIMPLE (LEN(surnames) - 4) /* the single-character ones */

static unsigned surname_cum[LEN(surnames)];

static void
surnames_init(void)
{
	unsigned c = 0;

	for (size_t i = 0; i < LEN(surnames); i++)
		surname_cum[i] = c += surnames[i].w;
}

static unsigned
surname(struct rng *r)
{
	unsigned x = below(r, surname_cum[LEN(surnames) - 1]);
	unsigned lo = 0, hi = LEN(surnames) - 1;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (surname_cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* given names follow the fashion of the decade of birth */
static const char *const male_old[] = {
	"德", "福", "贵", "庆", "树", "长", "春", "永", "建", "国", "明", "海",
	"山", "成", "兴", "祥", "财", "顺", "林", "田", "金", "宝", "忠", "良",
	"玉", "振", "荣", "发", "廷", "全", "守", "友", "连", "学", "文", "传",
	"洪", "先", "家", "和",
};
static const char *const male_new[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "辉", "鹏",
	"飞", "鑫", "波", "斌", "宇", "浩", "凯", "健", "俊", "帆", "帅", "旭",
	"宁", "龙", "亮", "峰", "博", "晨", "阳", "昊", "泽", "然", "轩", "睿",
	"航", "东", "新", "志",
};
static const char *const female_old[] = {
	"桂", "兰", "秀", "英", "玉", "珍", "凤", "淑", "芳", "荣", "华", "琴",
	"花", "梅", "云", "霞", "翠", "香", "莲", "爱", "巧", "素", "彩", "美",
	"菊", "月", "春", "秋",
};
static const char *const female_new[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "红", "慧", "洁",
	"琳", "婷", "倩", "雪", "颖", "璐", "晶", "欣", "悦", "蕾", "佳", "琪",
	"萌", "楠", "莹", "丹", "媛", "蕊", "薇", "晓",
};

/* a person's name; clan is the surname most of a village shares, or -1 */
static void
person(struct rng *r, char *out, size_t n, int male, int born, int clan)
{
	const char *const *set;
	size_t nset;
	unsigned s = clan >= 0 && permille(r, 350) ? (unsigned)clan
	    : surname(r);

	if (male) {
		set = born < 1965 ? male_old : male_new;
		nset = born < 1965 ? LEN(male_old) : LEN(male_new);
	} else {
		set = born < 1965 ? female_old : female_new;
		nset = born < 1965 ? LEN(female_old) : LEN(female_new);
	}
	uint32_t a = below(r, (uint32_t)nset), b;

	if (permille(r, 250)) {
		snprintf(out, n, "%s%s", surnames[s].s, set[a]);
		return;
	}
	/* a doubled character (杰杰) is a child's pet name, not a register's */
	b = (a + 1 + below(r, (uint32_t)nset - 1)) % (uint32_t)nset;
	snprintf(out, n, "%s%s%s", surnames[s].s, set[a], set[b]);
}

/* Place-name syllables.  None of them may form a routing keyword (see
 * cats[] below) with its neighbours, or place names would route issues. */
static const char *const syl[] = {
	"东", "西", "南", "北", "中", "新", "石", "柳", "杨", "桃", "梨", "枣",
	"槐", "杏", "松", "柏", "花", "金", "银", "马", "牛", "龙", "凤", "虎",
	"鹤", "云", "青", "白", "丰", "安", "宁", "康", "泰", "和", "平", "兴",
	"隆", "盛", "福", "祥", "瑞", "华", "光", "明", "阳", "德", "仁", "义",
	"高", "长", "双", "三", "城", "河", "山", "林", "桥", "湖",
	"泉", "塘", "台", "岗", "坪", "峰", "溪", "荆", "芦", "竹",
};
static const char *const dirs[] = {
	"东", "西", "南", "北", "前", "后", "上", "下", "大", "小",
};
static const char *const clan_part[] = {
	"家庄", "家村", "家沟", "家峪", "家岭", "家河", "家洼", "家湖", "家楼",
	"家屯", "家店", "家坡", "家疃", "家营", "家寨", "官庄", "庄子", "家庄子",
};
static const char *const place_part[] = {
	"庄", "沟", "峪", "岭", "河", "洼", "湖", "楼", "屯", "店", "坡", "疃",
	"旺", "营", "寨", "集", "泉", "崖", "埠",
};
static const char *const comm_part[] = {
	"园", "苑", "里", "花园", "新村", "家园", "东区", "西区",
};
/* real roads of Zhengzhou, for street offices and communities */
static const char *const roads[] = {
	"人民", "花园", "文化", "经三", "纬五", "金水", "农业", "黄河", "东风",
	"丰产", "南阳", "建设", "中原", "嵩山", "桐柏", "伏牛", "陇海", "航海",
	"京广", "大学", "淮河", "长江", "汝河", "棉纺", "工人", "解放", "铭功",
	"杜岭", "商城", "紫荆山", "城东", "北林", "未来", "经八", "京西", "政七",
	"英才", "书院", "健康", "秦岭",
};

/* a village name (…村); *clan gets the surname most villagers share */
static void
village_name(struct rng *r, char *out, size_t n, int *clan)
{
	unsigned p = below(r, 100), s = below(r, NSIMPLE);

	const char *a, *b, *c;

	if (p < 45) {
		*clan = (int)s;
		a = PICK(r, clan_part);
		snprintf(out, n, "%s%s村", surnames[s].s, a);
	} else if (p < 75) {
		int own = permille(r, 500);
		*clan = own ? (int)s : (int)surname(r);
		a = PICK(r, dirs);
		b = own ? surnames[s].s : PICK(r, syl);
		c = PICK(r, place_part);
		snprintf(out, n, "%s%s%s村", a, b, c);
	} else {
		*clan = (int)surname(r);
		a = PICK(r, syl);
		b = permille(r, 500) ? PICK(r, place_part) : PICK(r, syl);
		snprintf(out, n, "%s%s村", a, b);
	}
	if (*clan >= (int)NSIMPLE)
		*clan = -1;
}

/* a housing compound: one grid of a community in town */
static void
compound_name(struct rng *r, char *out, size_t n)
{
	static const char *const works[] = {
		"棉纺厂", "纺织厂", "机械厂", "电缆厂", "铝厂", "卷烟厂", "面粉厂",
		"肉联厂", "砂轮厂", "建筑公司", "粮食局", "供销社", "铁路局",
	};
	static const char *const kinds[] = {
		"小区", "小区", "小区", "花园", "苑", "名都", "家园",
	};

	const char *a, *b, *c;

	if (permille(r, 250)) {
		snprintf(out, n, "%s家属院", PICK(r, works));
		return;
	}
	a = PICK(r, syl);
	b = PICK(r, syl);
	c = PICK(r, kinds);
	snprintf(out, n, "%s%s%s", a, b, c);
}

static void
community_name(struct rng *r, char *out, size_t n, int city)
{
	const char *a, *b, *c;

	if (city && permille(r, 300)) {
		snprintf(out, n, "%s路社区", PICK(r, roads));
		return;
	}
	a = PICK(r, syl);
	b = PICK(r, syl);
	c = permille(r, 500) ? PICK(r, comm_part) : "";
	snprintf(out, n, "%s%s%s社区", a, b, c);
}

/* 1..99 in Chinese numerals: 第十二网格 */
static void
cnum(char *out, size_t n, unsigned v)
{
	static const char *const d[] = {
		"", "一", "二", "三", "四", "五", "六", "七", "八", "九",
	};

	if (v < 10)
		snprintf(out, n, "%s", d[v]);
	else
		snprintf(out, n, "%s十%s", v / 10 == 1 ? "" : d[v / 10],
		    d[v % 10]);
}

/* ------------------------------------------------------------------ */
/* units: the functional departments, the strips (条) */

static const char *const unitnames[40] = {
	"住建局", "民政局", "城管局", "市场监管局", "公安局",
	"水利局", "交通运输局", "卫健委", "人社局", "自然资源局",
	/* the district above; the county adds */
	"教育局", "生态环境局", "农业农村局", "信访局", "应急管理局",
	"司法局", "供电公司", "医保局", "财政局", "发改局",
	"文旅局", "林业局", "退役军人事务局", "残联",
	/* the city adds */
	"自来水公司", "燃气公司", "园林局", "房管局", "税务局",
	"统计局", "审计局", "商务局", "科技局", "体育局",
	"气象局", "人防办", "消防救援支队", "烟草专卖局", "邮政管理局",
	"工信局",
};
enum {
	ZJ = 1, MZ, CG, SJ, GA, SL, JT, WJ, RS, ZR, JY, HB, NY, XF, YJ, SF, GD,
	YB, CZ, FG, WL, LY, TY, CL, ZLS, RQ, YL, FGJ
};

static unsigned nunits;

/* ------------------------------------------------------------------ */
/* issue categories: who handles them, the words their texts use, and the
 * templates those texts come from.  {P} is a place, {N} a small number,
 * {A} a closing plea.  Every template holds at least one of its own keys
 * and none of another category's, so that routing rules built from the
 * keys send each text where its category says. */

struct cat {
	const char *name;
	unsigned char lead[2];  /* the first present unit leads */
	unsigned char assist[2];
	unsigned char alt[2];   /* other units some specific rules name */
	unsigned short hours;
	unsigned char whh;      /* weight among issues about a household */
	unsigned char wgrid;    /* weight among issues found on patrol */
	unsigned short priv;    /* private, per mille */
	const char *keys;
	const char *tpl[8];
};

static const struct cat cats[] = {
	{"市容环境", {CG}, {0}, {ZJ, YL}, 24, 3, 25, 0,
	 "垃圾|渣土|小广告|脏乱|积水|井盖", {
		"{P}的生活垃圾堆了{N}天没有清运，气味很大，{A}",
		"{P}路边有人乱倒建筑垃圾，{A}",
		"{P}垃圾桶满了没人清理，周边脏乱，{A}",
		"{P}墙上小广告乱贴乱画，{A}",
		"{P}渣土车沿路撒漏，{A}",
		"{P}下雨后积水严重，出行不便，{A}",
		"{P}的下水道井盖丢了，晚上很危险，{A}"}},
	{"占道经营", {CG}, {SJ}, {0}, 8, 1, 15, 0,
	 "占道|摊贩|摆摊|出店经营", {
		"{P}有流动摊贩占道经营，影响通行，{A}",
		"{P}门口长期有人摆摊卖菜，{A}",
		"{P}几家商户出店经营，人行道被占满了，{A}",
		"{P}早市摊贩占道，早上车过不去，{A}",
		"{P}有人搭\"临时\"摊位占道经营，{A}"}},
	{"道路交通", {JT}, {GA}, {GA, ZJ}, 120, 10, 12, 0,
	 "坑洼|破损|红绿灯|乱停乱放|路灯|村村通|危桥|公交", {
		"{P}的村村通道路坑洼不平，雨天没法走，{A}",
		"{P}路灯坏了{N}个，晚上出行不便，{A}",
		"{P}路口红绿灯不亮，{A}",
		"{P}车辆乱停乱放，堵住了通道，{A}",
		"{P}的危桥一直没修，过往群众很担心，{A}",
		"{P}公交站点撤了，老人进城不方便，{A}",
		"{P}的路面破损严重，{A}"}},
	{"违法建设", {CG}, {ZJ, ZR}, {ZR, FGJ}, 120, 2, 8, 10,
	 "违建|违章|私搭乱建|加盖", {
		"{P}有人私搭乱建，占用公共通道，{A}",
		"{P}一户在楼顶加盖房屋，{A}",
		"{P}有违章建筑正在施工，{A}",
		"举报{P}违建，{A}"}},
	{"社会救助", {MZ}, {0}, {YB, CZ}, 120, 12, 0, 200,
	 "低保|救助|五保|特困|养老院", {
		"家庭困难，申请低保，{A}",
		"家中老人无人照顾，想申请进养老院",
		"因病致贫，申请临时救助，{A}",
		"低保金{N}个月没有发放，{A}",
		"想了解五保供养的标准和手续",
		"家里遭了灾，申请救助",
		"特困人员认定一直没有结果，{A}"}},
	{"医疗卫生", {WJ}, {0}, {YB}, 120, 8, 0, 100,
	 "新农合|医保|卫生室|村医|疫苗|报销", {
		"新农合报销比例低，住院花了{N}万多，{A}",
		"{P}卫生室没有村医值班，看病不方便",
		"孩子打疫苗要跑很远，{A}",
		"医保卡办理后一直没拿到，{A}",
		"大病报销手续繁琐，{A}"}},
	{"劳动就业", {RS}, {0}, {0}, 120, 7, 0, 50,
	 "工资|就业|养老保险|技能培训|社保", {
		"在{P}附近工地干活，被拖欠工资{N}个月，{A}",
		"家里孩子毕业了想找工作，希望提供就业信息",
		"想参加技能培训，不知道去哪报名",
		"养老保险断缴了，想补缴，{A}",
		"社保转移手续办不下来，{A}"}},
	{"土地纠纷", {ZR}, {NY}, {NY}, 360, 7, 0, 50,
	 "宅基地|地界|承包地|确权|占地", {
		"和别人家因宅基地边界有争议，{A}",
		"承包地被别人占种，{A}",
		"{P}修路占地补偿没到位，{A}",
		"土地确权面积不对，少了{N}分地，{A}",
		"地界石被人挪了，双方争执不下，{A}"}},
	{"邻里纠纷", {SF, GA}, {GA}, {MZ}, 72, 8, 0, 150,
	 "纠纷|争吵|邻居|噪音|调解", {
		"和邻居因排水问题发生纠纷，{A}",
		"楼上邻居装修噪音大，多次沟通无果",
		"两家因为养狗的事经常争吵，希望调解",
		"邻居家的树挡住了采光，{A}",
		"兄弟之间因赡养老人有纠纷，请帮忙调解"}},
	{"饮水安全", {SL}, {0}, {ZLS, WJ}, 24, 9, 4, 0,
	 "漏水|停水|水管|自来水|吃水|水质", {
		"{P}的自来水管漏水{N}天了，{A}",
		"{P}停水{N}天了，吃水困难，{A}",
		"{P}的水质发浑，担心饮水安全，{A}",
		"{P}的水管冻裂了，{A}",
		"{P}的水井干了，吃水要到外村去拉"}},
	{"供电", {GD}, {0}, {FG}, 24, 6, 3, 0,
	 "停电|电压|电线|变压器|电费", {
		"{P}经常停电，{A}",
		"{P}电压不稳，家电用不了，{A}",
		"{P}电线老化，存在隐患，{A}",
		"{P}变压器负荷不够，夏天一开空调就跳闸",
		"电费收费不清楚，想核实一下"}},
	{"教育", {JY}, {0}, {0}, 120, 4, 0, 20,
	 "学校|上学|校车|入学|辍学", {
		"孩子上学路远，希望开通校车",
		"{P}学校门口有小摊点，影响学生安全，{A}",
		"外地户口孩子入学难，{A}",
		"{P}有孩子辍学在家，{A}",
		"学校食堂收费不合理，{A}"}},
	{"治安", {GA}, {0}, {0}, 24, 4, 6, 50,
	 "被盗|偷|赌博|诈骗|打架|治安", {
		"{P}夜里有人偷电动车，已经丢了{N}辆，{A}",
		"{P}有人聚众赌博，{A}",
		"家里的羊被盗了，{A}",
		"接到诈骗电话被骗了{N}千元，{A}",
		"{P}晚上经常有人打架，治安不好"}},
	{"环境污染", {HB}, {0}, {NY}, 72, 3, 8, 0,
	 "污水|排污|烧秸秆|焚烧|粉尘|污染", {
		"{P}附近工厂排污，河水变黑，{A}",
		"{P}有人焚烧塑料，烟很呛，{A}",
		"{P}养殖场污水直排，气味很大",
		"{P}石料厂粉尘大，庄稼上落了一层灰",
		"{P}有人烧秸秆，烟很大",
		"{P}的小河被污染了，{A}"}},
	{"食品安全", {SJ}, {0}, {WJ}, 24, 2, 5, 0,
	 "过期|变质|无证|食物中毒|地沟油", {
		"{P}小卖部卖过期食品，{A}",
		"在{P}饭店吃饭后食物中毒，{A}",
		"{P}有无证小作坊做豆腐，{A}",
		"{P}超市卖的肉已经变质，{A}",
		"怀疑{P}的小吃摊用地沟油"}},
	{"房屋安全", {ZJ}, {0}, {FGJ}, 120, 5, 0, 0,
	 "危房|漏雨|裂缝|倒塌", {
		"家里房子是危房，申请危房改造",
		"{P}的老房子漏雨严重，{A}",
		"{P}楼房墙体出现裂缝，{A}",
		"{P}有院墙倒塌了，{A}"}},
	{"农业生产", {NY}, {0}, {LY}, 120, 6, 0, 0,
	 "化肥|种子|农机|粮食直补|病虫害|灌溉", {
		"买到假种子，出苗率低，{A}",
		"粮食直补一直没到账，{A}",
		"{P}的庄稼出现病虫害，需要技术指导",
		"{P}灌溉用的机井坏了，{A}",
		"化肥价格涨得厉害，{A}",
		"农机购置申请没有批下来"}},
	{"安全生产", {YJ}, {0}, {0}, 24, 1, 5, 0,
	 "液化气|消防通道|烟花爆竹|安全隐患", {
		"{P}有人非法储存烟花爆竹，{A}",
		"{P}饭店液化气罐摆放不规范，{A}",
		"{P}消防通道被杂物堵塞，{A}",
		"{P}小作坊有安全隐患，{A}"}},
	{"退役军人", {TY}, {0}, {RS}, 120, 1, 0, 50,
	 "退役|优抚|复员", {
		"退役军人优抚金没有按时发放，{A}",
		"复员老兵生活困难，{A}",
		"想了解退役士兵安置政策"}},
	{"残疾人", {CL}, {0}, {MZ}, 120, 2, 0, 150,
	 "残疾证|轮椅|残疾人", {
		"残疾证到期了，想换证，{A}",
		"家里有残疾人，想申请一个轮椅",
		"残疾人两项补贴没有发放，{A}"}},
};

/* what no rule may match: about 5% of issues, for adjudication */
static const char *const other_tpl[] = {
	"咨询今年征兵报名的时间和条件",
	"建议{P}建一个文化广场，方便群众健身",
	"表扬网格员工作认真负责，帮了家里大忙",
	"询问老年优待证在哪里办理",
	"想了解今年换届选举的安排",
	"建议在{P}多种些树，美化环境",
	"咨询办理独生子女证需要什么材料",
	"感谢联系干部帮忙联系销售苹果",
	"咨询身份证到期在哪里换领",
};
static const char *const asks[] = {
	"希望尽快解决", "请有关部门处理", "群众意见很大", "希望领导重视",
	"请帮忙协调", "盼早日解决", "请尽快派人来看看", "希望给个答复",
};

/* the first unit of list that the deployment has, or 0 */
static unsigned
present(const unsigned char *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && list[i] <= nunits)
			return list[i];
	return 0;
}

static int
cat_live(const struct cat *c)
{
	return present(c->lead, LEN(c->lead)) != 0;
}

/* ------------------------------------------------------------------ */
/* the grid tree, built in pre-order, which is also code order */

enum kind { K_ROOT, K_STREET, K_TOWN, K_TWP, K_ZONE, K_AREA, K_COMM, K_VILL,
	K_CELL };

struct grid {
	char code[16];
	char name[48];
	int32_t parent;
	uint32_t nhh, hh0;   /* households (leaves), index of the first */
	uint32_t ncad, cad0; /* cadres serving here, index of the first */
	int16_t clan;        /* surname most villagers share, -1 for none */
	uint8_t depth, kind;
	uint8_t pfx;         /* index in pfx[] of most residents' ID prefix */
	uint8_t area;        /* city: index in areas[] */
	uint8_t nocad;       /* a leaf left without cadres on purpose */
};

static struct grid *G;
static uint32_t nG, capG;
static uint32_t *leaves, nleaves;

static uint32_t
add_grid(int32_t parent, unsigned num, int width, const char *name, int kind)
{
	struct grid *g;
	char code[32];

	if (parent < 0)
		snprintf(code, sizeof code, "%0*u", width, num);
	else
		snprintf(code, sizeof code, "%s%0*u", G[parent].code, width,
		    num);
	if (strlen(code) >= sizeof g->code)
		die(1, "internal error: grid code '%s' too long", code);
	if (nG == capG) {
		capG = capG ? capG * 2 : 1024;
		if (!(G = realloc(G, capG * sizeof *G)))
			die(1, "out of memory");
	}
	g = &G[nG];
	memset(g, 0, sizeof *g);
	g->parent = parent;
	g->clan = -1;
	g->kind = (uint8_t)kind;
	memcpy(g->code, code, strlen(code) + 1);
	if (parent < 0) {
		g->depth = 1;
	} else {
		g->depth = G[parent].depth + 1;
		g->pfx = G[parent].pfx;
		g->area = G[parent].area;
		g->clan = G[parent].clan;
	}
	snprintf(g->name, sizeof g->name, "%s", name);
	return nG++;
}

/* is name used by a grid built since index from (one township, one city) */
static int
name_taken(const char *name, uint32_t from)
{
	for (uint32_t i = from; i < nG; i++)
		if (!strcmp(G[i].name, name))
			return 1;
	return 0;
}

/* share total among n parts, each within [lo, hi], at random */
static void
split(uint32_t *out, uint32_t n, uint32_t total, uint32_t lo, uint32_t hi,
    struct rng *r)
{
	if ((uint64_t)n * lo > total || (uint64_t)n * hi < total)
		die(1, "internal error: cannot split %u into %u parts", total,
		    n);
	for (uint32_t i = 0; i < n; i++)
		out[i] = lo;
	for (uint32_t left = total - n * lo; left;) {
		uint32_t i = below(r, n);
		if (out[i] < hi) {
			out[i]++;
			left--;
		}
	}
}

/* share total among n parts in proportion to w[], none above cap.  Each
 * part gets the whole of its share and, with a probability equal to the
 * fraction left over, one more: systematic sampling over the fractions
 * draws exactly the units still to give, so small totals keep the
 * proportions (a floor alone would give nothing to every part whose share
 * is below one). */
static void
alloc(uint32_t *out, const uint32_t *w, uint32_t n, uint64_t total,
    uint32_t cap, struct rng *r)
{
	uint64_t W = 0, room = 0, given = 0, acc = 0, u;
	uint64_t *frac = xcalloc(n, sizeof *frac);

	for (uint32_t i = 0; i < n; i++) {
		W += w[i];
		room += w[i] ? cap : 0;
	}
	if (total > room)
		die(1, "internal error: cannot share %llu among %u parts of at "
		    "most %u",
		    (unsigned long long)total, n, cap);
	if (!total) {
		memset(out, 0, n * sizeof *out);
		free(frac);
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		uint64_t q = total * w[i];
		out[i] = (uint32_t)(q / W > cap ? cap : q / W);
		frac[i] = q / W >= cap ? 0 : q % W;
		given += out[i];
	}
	u = next(r) % W;
	for (uint32_t i = 0; i < n && given < total; i++) {
		acc += frac[i];
		if (u < acc && out[i] < cap) {
			out[i]++;
			given++;
			u += W;
		}
	}
	/* only a part held at cap can leave units over */
	while (given < total) {
		uint32_t i = below(r, n);
		if (w[i] && out[i] < cap) {
			out[i]++;
			given++;
		}
	}
	free(frac);
}

/* ID address prefixes: the local county first, then real neighbours */
static const char *const linyi_pfx[] = {
	"371323", "371399", "371302", "371311", "371312", "371321", "371322",
	"371324", "371325", "371326", "371327", "371328", "371329",
};
/* Zhengzhou's districts, counties and county-level cities (areas[] order),
 * then other cities of Henan for people who moved in */
static const char *const zz_pfx[] = {
	"410102", "410103", "410104", "410105", "410106", "410108", "410122",
	"410181", "410182", "410183", "410184", "410185",
	"410302", "410402", "410502", "410702", "410802", "411002", "411102",
	"411302", "411402", "411502", "411602", "411702",
};
static const struct {
	const char *addr;    /* how addresses start, after the province */
	unsigned w;          /* weight among street offices */
} areas[] = {
	{"郑州市中原区", 18}, {"郑州市二七区", 14}, {"郑州市管城回族区", 12},
	{"郑州市金水区", 24}, {"郑州市上街区", 4}, {"郑州市惠济区", 8},
	{"郑州市中牟县", 0}, {"巩义市", 0}, {"荥阳市", 0}, {"新密市", 0},
	{"新郑市", 0}, {"登封市", 0},
};

enum scale { S_DISTRICT, S_COUNTY, S_CITY };

static const char *const *pfx;
static unsigned npfx;

static const char *
root_place(void)
{
	return G[0].name;
}

static const struct {
	unsigned num;
	const char *name;
	int kind;
} yishui[20] = {
	{1, "沂城街道", K_STREET}, {2, "龙家圈街道", K_STREET},
	{100, "道托镇", K_TOWN}, {101, "高庄镇", K_TOWN},
	{102, "许家湖镇", K_TOWN}, {103, "黄山铺镇", K_TOWN},
	{104, "姚店子镇", K_TOWN}, {105, "诸葛镇", K_TOWN},
	{106, "崔家峪镇", K_TOWN}, {107, "四十里堡镇", K_TOWN},
	{108, "杨庄镇", K_TOWN}, {109, "夏蔚镇", K_TOWN},
	{110, "沙沟镇", K_TOWN}, {111, "马站镇", K_TOWN},
	{112, "高桥镇", K_TOWN}, {113, "富官庄镇", K_TOWN},
	{114, "院东头镇", K_TOWN}, {115, "泉庄镇", K_TOWN},
	/* not statistical townships: 400-599 is the range for such units */
	{400, "沂水经济开发区", K_ZONE}, {401, "沂蒙风情旅游景区", K_ZONE},
};
static const struct {
	unsigned num;
	const char *name;
	int kind;
} qinghe[3] = {
	{1, "城关街道", K_STREET}, {100, "柳林镇", K_TOWN}, {200, "石门乡", K_TWP},
};

/* the leaves (villages and communities) of one work area */
static void
build_villages(struct rng *r, uint32_t area, uint32_t twp, unsigned nv,
    unsigned nth)
{
	int kind = G[twp].kind;
	unsigned ncomm, i;
	char name[48];

	/* street offices are mostly residents' committees, a town has one at
	 * its seat, a township none */
	if (kind == K_STREET)
		ncomm = nv > 1 ? nv - 1 - (nv > 4) : 1;
	else if (kind == K_ZONE)
		ncomm = nv / 3;
	else
		ncomm = kind == K_TOWN && nth == 0;
	for (i = 0; i < ncomm; i++) {
		do
			community_name(r, name, sizeof name, 0);
		while (name_taken(name, twp));
		add_grid((int32_t)area, 1 + i, 3, name, K_COMM);
	}
	for (i = 0; i < nv - ncomm; i++) {
		int clan;
		uint32_t g;
		do
			village_name(r, name, sizeof name, &clan);
		while (name_taken(name, twp));
		g = add_grid((int32_t)area, 201 + i, 3, name, K_VILL);
		G[g].clan = (int16_t)clan;
	}
}

/* county or district: county, townships, work areas, villages */
static void
build_county(struct rng *r, int district)
{
	unsigned ntwp = district ? LEN(qinghe) : LEN(yishui);
	unsigned nareas = district ? 6 : 135, nvill = district ? 24 : 1040;
	uint32_t *apt = xcalloc(ntwp, sizeof *apt);
	uint32_t *vpa = xcalloc(nareas, sizeof *vpa);
	unsigned ai = 0;
	char name[48], num[16];

	if (district) {
		add_grid(-1, 371399, 6, "清河县", K_ROOT);
		G[0].pfx = 1;
		split(apt, ntwp, nareas, 2, 2, r);
		split(vpa, nareas, nvill, 3, 5, r);
	} else {
		add_grid(-1, 371323, 6, "沂水县", K_ROOT);
		G[0].pfx = 0;
		split(apt, ntwp, nareas, 4, 10, r);
		split(vpa, nareas, nvill, 4, 14, r);
	}
	for (unsigned t = 0; t < ntwp; t++) {
		uint32_t tg = district
		    ? add_grid(0, qinghe[t].num, 3, qinghe[t].name,
			  qinghe[t].kind)
		    : add_grid(0, yishui[t].num, 3, yishui[t].name,
			  yishui[t].kind);
		for (unsigned a = 0; a < apt[t]; a++, ai++) {
			uint32_t ag;
			cnum(num, sizeof num, a + 1);
			snprintf(name, sizeof name, "第%s工作片", num);
			ag = add_grid((int32_t)tg, a + 1, 2, name, K_AREA);
			build_villages(r, ag, tg, vpa[ai], a);
		}
	}
	free(apt);
	free(vpa);
}

/* city: city, street offices and townships, communities, grids */
static void
build_city(struct rng *r)
{
	enum { NSTREET = 90, NTOWN = 60, NTWP = 36, ND2 = NSTREET + NTOWN + NTWP };
	uint32_t cpd[ND2], *gpc = xcalloc(2681, sizeof *gpc);
	unsigned aw[LEN(areas)], aw_sum = 0, ci = 0;
	char name[48], num[16];

	add_grid(-1, 410100, 6, "郑州市", K_ROOT);
	split(cpd, ND2, 2681, 6, 30, r);
	split(gpc, 2681, 20000, 3, 15, r);
	for (unsigned i = 0; i < LEN(areas); i++)
		aw_sum += aw[i] = areas[i].w;
	for (unsigned d = 0; d < ND2; d++) {
		int kind = d < NSTREET ? K_STREET : d < NSTREET + NTOWN
		    ? K_TOWN : K_TWP;
		unsigned numb = kind == K_STREET ? 1 + d : kind == K_TOWN
		    ? 100 + d - NSTREET : 200 + d - NSTREET - NTOWN;
		unsigned area, ncomm;
		uint32_t dg;

		do {
			const char *a = PICK(r, syl), *b;
			if (kind == K_STREET && d < 35) {
				snprintf(name, sizeof name, "%s路街道",
				    roads[d]);
			} else if (kind == K_STREET) {
				b = PICK(r, syl);
				snprintf(name, sizeof name, "%s%s街道", a, b);
			} else {
				b = PICK(r, place_part);
				snprintf(name, sizeof name, "%s%s%s", a, b,
				    kind == K_TOWN ? "镇" : "乡");
			}
		} while (name_taken(name, 1));
		/* streets lie in the urban districts; most towns and
		 * townships in the counties and county-level cities */
		if (kind == K_STREET || permille(r, 150)) {
			unsigned x = below(r, aw_sum);
			for (area = 0; x >= aw[area]; area++)
				x -= aw[area];
		} else {
			area = 6 + below(r, 6);
		}
		dg = add_grid(0, numb, 3, name, kind);
		G[dg].area = (uint8_t)area;
		G[dg].pfx = (uint8_t)area;
		ncomm = kind == K_STREET ? cpd[d] : kind == K_TOWN
		    ? cpd[d] * 3 / 10 : cpd[d] / 10;
		for (unsigned c = 0; c < cpd[d]; c++, ci++) {
			int clan = -1, comm = c < ncomm;
			uint32_t cg;
			do {
				if (comm)
					community_name(r, name, sizeof name, 1);
				else
					village_name(r, name, sizeof name,
					    &clan);
			} while (name_taken(name, dg));
			cg = add_grid((int32_t)dg,
			    comm ? 1 + c : 201 + c - ncomm, 3, name,
			    comm ? K_COMM : K_VILL);
			G[cg].clan = (int16_t)clan;
			for (unsigned l = 0; l < gpc[ci]; l++) {
				cnum(num, sizeof num, l + 1);
				snprintf(name, sizeof name, "第%s网格", num);
				add_grid((int32_t)cg, l + 1, 2, name, K_CELL);
			}
		}
	}
	free(gpc);
}

/* the leaves, the households of each, the cadres of each grid */
static void
populate(struct rng *r, uint64_t nhh, uint32_t ncad, enum scale sc)
{
	static const unsigned quota[3][4] = {
		/* cadres serving at depth 1, 2, 3 (the rest at leaves) */
		{0, 1, 1, 1}, {0, 8, 3, 2}, {0, 20, 3, 1},
	};
	uint32_t *w, *n, need = 0, nempty, nnocad, elig = 0, i;
	uint64_t hh = 0, room = 0;
	unsigned q[4];

	leaves = xcalloc(nG, sizeof *leaves);
	for (i = 0; i < nG; i++)
		if (i + 1 == nG || G[i + 1].depth <= G[i].depth)
			leaves[nleaves++] = i;
	w = xcalloc(nleaves, sizeof *w);
	n = xcalloc(nleaves, sizeof *n);

	/* a few leaves with nobody (a village moved away) and a few whose
	 * households no cadre of their own serves, so that pairing must
	 * fall back on an ancestor's cadres */
	nempty = 1 + nleaves / 1000;
	nnocad = 1 + nleaves / 500;
	for (i = 0; i < nleaves; i++) {
		struct grid *g = &G[leaves[i]];
		w[i] = 60 + below(r, 240);
		w[i] += below(r, 240);
		if (g->kind == K_COMM && sc != S_CITY)
			w[i] *= 2; /* a county seat's communities are big */
	}
	for (i = 0; i < nempty && i < nleaves;) {
		uint32_t j = below(r, nleaves);
		if (w[j]) {
			w[j] = 0;
			i++;
		}
	}
	for (i = 0; i < nnocad && i + nempty < nleaves;) {
		uint32_t j = below(r, nleaves);
		if (w[j] && !G[leaves[j]].nocad) {
			G[leaves[j]].nocad = 1;
			i++;
		}
	}
	for (i = 0; i < nleaves; i++)
		room += w[i] ? 9999 : 0;
	if (nhh > room)
		die(2, "--households: at most %llu at this scale (a household "
		    "code has 4 digits for each of its leaf grids)",
		    (unsigned long long)room);
	alloc(n, w, nleaves, nhh, 9999, r);
	for (i = 0; i < nleaves; i++) {
		G[leaves[i]].nhh = n[i];
		G[leaves[i]].hh0 = (uint32_t)hh;
		hh += n[i];
	}

	memcpy(q, quota[sc], sizeof q);
	for (i = 0; i < nG; i++)
		if (G[i].depth < 4)
			need += q[G[i].depth];
	if ((uint64_t)need * 5 > ncad) /* too few cadres: leaves first */
		q[1] = q[2] = q[3] = 0, need = 0;
	for (i = 0; i < nG; i++)
		if (G[i].depth < 4)
			G[i].ncad = q[G[i].depth];
	for (i = 0; i < nleaves; i++) {
		struct grid *g = &G[leaves[i]];
		w[i] = g->nocad ? 0 : g->nhh;
		elig += w[i] > 0;
	}
	if (!elig)
		for (i = 0; i < nleaves; i++)
			elig += w[i] = !G[leaves[i]].nocad;
	if (ncad - need >= elig) {
		/* one each, the rest in proportion to households */
		alloc(n, w, nleaves, ncad - need - elig, UINT32_MAX - 1, r);
		for (i = 0; i < nleaves; i++)
			n[i] += w[i] > 0;
	} else {
		alloc(n, w, nleaves, ncad - need, 1, r);
	}
	for (i = 0; i < nleaves; i++)
		G[leaves[i]].ncad = n[i];
	for (i = 0, need = 0; i < nG; i++) {
		G[i].cad0 = need;
		need += G[i].ncad;
	}
	free(w);
	free(n);
}

/* ------------------------------------------------------------------ */
/* phones */

static const char *const mobile_pfx[] = {
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"147", "150", "151", "152", "153", "155", "156", "157", "158", "159",
	"176", "177", "178", "180", "181", "182", "183", "185", "186", "187",
	"188", "189",
};

static int city;

static void
r_mobile(struct row *w, struct rng *r)
{
	r_str(w, PICK(r, mobile_pfx));
	r_num(w, below(r, 100000000), 8);
}

static void
r_landline(struct row *w, struct rng *r)
{
	if (city) {
		r_str(w, "0371-");
		r_num(w, 5 + below(r, 2), 1);
		r_num(w, below(r, 10000000), 7);
	} else {
		r_str(w, "0539-");
		r_num(w, 2 + below(r, 7), 1);
		r_num(w, below(r, 1000000), 6);
	}
}

/* ------------------------------------------------------------------ */
/* the files */

static void
write_levels(enum scale sc)
{
	static const struct {
		const char *name;
		unsigned hours;
	} lv[2][5] = {
		{{"联系干部", 72}, {"县", 480}, {"乡镇", 240}, {"工作片", 120},
		 {"村", 120}},
		{{"联系干部", 24}, {"市", 120}, {"乡镇办", 72}, {"村/社区", 48},
		 {"网格", 24}},
	};
	struct out o;
	struct row w = {.n = 0};

	out_open(&o, "levels.csv", "depth,name,hours");
	for (unsigned d = 0; d < 5; d++) {
		r_num(&w, d, 1);
		r_chr(&w, ',');
		r_csv(&w, lv[sc == S_CITY][d].name);
		r_chr(&w, ',');
		r_num(&w, lv[sc == S_CITY][d].hours, 1);
		r_end(&w, o.fp);
	}
	out_close(&o);
}

static void
write_units(void)
{
	struct out o;
	struct row w = {.n = 0};

	out_open(&o, "units.csv", "code,name");
	for (unsigned u = 1; u <= nunits; u++) {
		r_chr(&w, 'U');
		r_num(&w, u, 2);
		r_chr(&w, ',');
		r_csv(&w, unitnames[u - 1]);
		r_end(&w, o.fp);
	}
	out_close(&o);
}

static uint8_t *cad_left; /* status of each cadre, for leaders and reporters */

static void
r_cadre(struct row *w, uint32_t k)
{
	r_chr(w, 'C');
	r_num(w, k + 1, 5);
}

static void
write_cadres(uint32_t ncad)
{
	struct rng r;
	struct out o;
	struct row w = {.n = 0};
	unsigned uw[40], uw_sum = 0;
	char name[32];

	rng_init(&r, "cadres");
	/* the big bureaus second the most staff */
	for (unsigned u = 0; u < nunits; u++)
		uw_sum += uw[u] = u < 10 ? 8 : u < 24 ? 5 : 3;
	cad_left = xcalloc(ncad, 1);
	out_open(&o, "cadres.csv", "code,name,unit,grid,phone,status");
	for (uint32_t g = 0; g < nG; g++) {
		for (uint32_t k = G[g].cad0; k < G[g].cad0 + G[g].ncad; k++) {
			int male = permille(&r, 650);
			unsigned x = below(&r, uw_sum), u = 0, p;

			while (x >= uw[u])
				x -= uw[u++];
			person(&r, name, sizeof name, male,
			    1955 + (int)below(&r, 36), -1);
			r_cadre(&w, k);
			r_chr(&w, ',');
			r_csv(&w, name);
			r_str(&w, ",U");
			r_num(&w, u + 1, 2);
			r_chr(&w, ',');
			r_str(&w, G[g].code);
			r_chr(&w, ',');
			p = below(&r, 1000);
			if (p < 975)
				r_mobile(&w, &r);
			else if (p < 990)
				r_landline(&w, &r);
			cad_left[k] = permille(&r, 20);
			r_str(&w, cad_left[k] ? ",left" : ",active");
			r_end(&w, o.fp);
		}
	}
	out_close(&o);
}

/* an active cadre serving in grid g, else in its nearest ancestor that has
 * one; -1 if none */
static int32_t
grid_cadre(struct rng *r, uint32_t g)
{
	for (int32_t a = (int32_t)g; a >= 0; a = G[a].parent) {
		uint32_t n = G[a].ncad;
		if (!n)
			continue;
		uint32_t start = below(r, n);
		for (uint32_t i = 0; i < n; i++) {
			uint32_t k = G[a].cad0 + (start + i) % n;
			if (!cad_left[k])
				return (int32_t)k;
		}
	}
	return -1;
}

static void
write_grids(void)
{
	struct rng r;
	struct out o;
	struct row w = {.n = 0};

	uint8_t *vacant = xcalloc(nG, 1);

	rng_init(&r, "grids");
	/* a few grids have no leader yet (never the root) */
	for (uint32_t i = 0, n = 1 + nG / 25; i < n && nG > 1;) {
		uint32_t g = 1 + below(&r, nG - 1);
		if (!vacant[g]) {
			vacant[g] = 1;
			i++;
		}
	}
	out_open(&o, "grids.csv", "code,name,parent,leader");
	for (uint32_t g = 0; g < nG; g++) {
		int32_t k;

		/* mostly a cadre of the grid itself; some grids are led from
		 * above (the work-area head leads a small village) */
		if (vacant[g])
			k = -1;
		else if (g && permille(&r, 60))
			k = grid_cadre(&r, (uint32_t)G[g].parent);
		else
			k = grid_cadre(&r, g);
		r_str(&w, G[g].code);
		r_chr(&w, ',');
		r_csv(&w, G[g].name);
		r_chr(&w, ',');
		if (G[g].parent >= 0)
			r_str(&w, G[G[g].parent].code);
		r_chr(&w, ',');
		if (k >= 0)
			r_cadre(&w, (uint32_t)k);
		r_end(&w, o.fp);
	}
	out_close(&o);
	free(vacant);
}

/* Resident ID numbers, unique by construction: the k-th person of a given
 * prefix, birth date and sex gets the k-th of 499 sequence numbers in an
 * order drawn from a hash of the three, so no set of issued numbers has to
 * be kept.  1935-01-01 .. 2005-12-31. */
static uint16_t *idcount;
static int64_t id_day0;
static uint32_t id_ndays;

static void
ids_init(void)
{
	id_day0 = days_from_civil(1935, 1, 1);
	id_ndays = (uint32_t)(days_from_civil(2006, 1, 1) - id_day0);
	idcount = xcalloc((size_t)npfx * id_ndays * 2, sizeof *idcount);
}

static void
r_idnum(struct row *w, unsigned p, uint32_t day, int male)
{
	static const unsigned wt[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
	};
	uint16_t *c;
	uint64_t h;
	unsigned a, b, seq, sum = 0, y, m, d;
	int yy;
	char id[19];

	for (;;) {
		c = &idcount[((size_t)p * id_ndays + day) * 2 + (unsigned)male];
		if (*c < 499)
			break;
		day = (day + 1) % id_ndays; /* a full day: born a day later */
	}
	h = seedhash ^ ((uint64_t)p << 40) ^ ((uint64_t)day << 1) ^
	    (uint64_t)male;
	h = splitmix(&h);
	a = 1 + (unsigned)(h % 498);
	b = (unsigned)((h >> 20) % 499);
	seq = (b + (unsigned)*c * a) % 499;
	seq = male ? 2 * seq + 1 : 2 * seq + 2;
	(*c)++;
	civil_from_days(id_day0 + day, &yy, &m, &d);
	y = (unsigned)yy;
	snprintf(id, sizeof id, "%s%04u%02u%02u%03u", pfx[p], y % 10000,
	    m % 100, d % 100, seq % 1000);
	for (int i = 0; i < 17; i++)
		sum += (unsigned)(id[i] - '0') * wt[i];
	id[17] = "10X98765432"[sum % 11];
	id[18] = '\0';
	r_add(w, id, 18);
}

static int year = 2013;

/* most residents were born where they live; some moved in from nearby */
static unsigned
id_prefix(struct rng *r, uint32_t g)
{
	unsigned p = below(r, 1000);

	if (city)
		return p < 850 ? G[g].pfx : p < 900 ? below(r, 12)
		    : 12 + below(r, npfx - 12);
	/* linyi_pfx[1] is the invented county: nobody moves out of it */
	if (p < 950)
		return G[g].pfx;
	p = below(r, npfx - 1);
	return p ? p + 1 : 0;
}

/* the ancestor of g at a depth: its township for addresses and texts */
static uint32_t
ancestor(uint32_t g, unsigned depth)
{
	while (G[g].depth > depth)
		g = (uint32_t)G[g].parent;
	return g;
}

static void
write_households(void)
{
	static const char *const tagnames[] = {
		"低保", "独居老人", "残疾", "退役军人", "留守儿童", "五保",
	};
	struct rng r;
	struct out o;
	struct row w = {.n = 0};
	int top = year - 18 < 2005 ? year - 18 : 2005;
	char name[32], prefix[200], compound[48];

	rng_init(&r, "households");
	ids_init();
	out_open(&o, "households.csv",
	    "code,head,grid,id_number,phone,address,members,tags");
	for (uint32_t li = 0; li < nleaves; li++) {
		uint32_t g = leaves[li], twp = ancestor(g, 2);
		uint32_t home = city ? (uint32_t)G[g].parent : g;
		int rural = G[home].kind == K_VILL;
		unsigned gsz = 25 + below(&r, 20), grp = 0, num = 0;
		unsigned slot = 0;
		unsigned floors = permille(&r, 600) || !city ? 6
		    : permille(&r, 400) ? 11 : 18;
		unsigned units = 2 + below(&r, 2), per = floors * units * 2;

		/* as the household register writes it: province first */
		compound_name(&r, compound, sizeof compound);
		snprintf(prefix, sizeof prefix, "%s%s%s%s%s",
		    city ? "河南省" : "山东省",
		    city ? areas[G[g].area].addr : root_place(), G[twp].name,
		    G[home].name, rural ? "" : compound);
		for (uint32_t i = 0; i < G[g].nhh; i++) {
			int male = permille(&r, rural ? 780 : 600);
			int span = top - 1935 + 1;
			int born = 1935 + (int)below(&r, (uint32_t)span);
			unsigned members, p, age, t, ntags = 0;

			/* heads of rural households are old */
			if (rural && permille(&r, 500)) {
				int b2 = 1935 + (int)below(&r, (uint32_t)span);
				born = b2 < born ? b2 : born;
			}
			age = (unsigned)(year - born);
			person(&r, name, sizeof name, male, born, G[g].clan);
			r_str(&w, G[g].code);
			r_num(&w, i + 1, 4);
			r_chr(&w, ',');
			r_csv(&w, name);
			r_chr(&w, ',');
			r_str(&w, G[g].code);
			r_chr(&w, ',');
			p = id_prefix(&r, g);
			r_idnum(&w, p, (uint32_t)(days_from_civil(born, 1, 1) -
			    id_day0) + below(&r, days_in_year(born)), male);
			r_chr(&w, ',');
			p = below(&r, 1000);
			if (age >= 70 ? p < 500 : p < 820)
				r_mobile(&w, &r);
			else if (age >= 70 ? p < 700 : p < 890)
				r_landline(&w, &r);
			r_chr(&w, ',');
			r_str(&w, prefix);
			if (rural) {
				if (i % gsz == 0)
					grp++, num = 0;
				num += 1 + permille(&r, 200);
				r_num(&w, grp, 1);
				r_str(&w, "组");
				r_num(&w, num, 1);
				r_str(&w, "号");
			} else {
				unsigned s = slot % per;
				r_num(&w, slot / per + 1, 1);
				r_str(&w, "号楼");
				r_num(&w, s / (floors * 2) + 1, 1);
				r_str(&w, "单元");
				r_num(&w, (s % (floors * 2)) / 2 + 1, 1);
				r_num(&w, s % 2 + 1, 2);
				/* a tenth of the flats stand empty */
				slot += 1 + permille(&r, 100);
			}
			r_chr(&w, ',');
			p = below(&r, 1000);
			if (age >= 70)
				members = p < 350 ? 1 : p < 800 ? 2
				    : 3 + below(&r, 4);
			else
				members = p < 100 ? 1 : p < 330 ? 2 : p < 580
				    ? 3 : p < 800 ? 4 : p < 920 ? 5 : p < 970
				    ? 6 : 7;
			r_num(&w, members, 1);
			r_chr(&w, ',');
			t = 0;
			if (permille(&r, age >= 65 ? 80 : 35))
				t |= 1;
			if (members == 1 && age >= 65 && permille(&r, 700))
				t |= 2;
			if (permille(&r, 25))
				t |= 4;
			if (male && permille(&r, 30))
				t |= 8;
			if (rural && members >= 3 && age < 55 &&
			    permille(&r, 80))
				t |= 16;
			if (members == 1 && age >= 60 && permille(&r, 60))
				t |= 32;
			for (unsigned b = 0; b < LEN(tagnames); b++) {
				if (!(t & 1u << b))
					continue;
				if (ntags++)
					r_chr(&w, ';');
				r_str(&w, tagnames[b]);
			}
			r_end(&w, o.fp);
		}
	}
	out_close(&o);
	free(idcount);
}

/* ------------------------------------------------------------------ */
/* rules */

/* the district's rules, written by hand as a clerk would */
static const char *const district_rules[] = {
	"饮水安全,水管.*(?:爆裂|冻裂|破裂),U06,,5",
	"市容环境,井盖,U01,U03,3",
	",垃圾|渣土|小广告|脏乱,U03,,8",
	",占道|摊贩|摆摊|出店经营,U03,U04,8",
	"违法建设,,U03,U01;U10,120",
	",违建|违章|私搭乱建|加盖,U03,U01;U10,120",
	",低保|五保|特困|救助|养老院,U02,,120",
	",漏水|停水|水管|自来水|吃水|水质,U06,,24",
	",被盗|偷|赌博|诈骗|打架,U05,,24",
	",过期|变质|无证|食物中毒|地沟油,U04,,24",
	",新农合|医保|卫生室|村医|疫苗|报销,U08,,120",
	",工资|就业|养老保险|技能培训|社保,U09,,120",
	",宅基地|地界|承包地|确权|占地,U10,,360",
	"道路交通,红绿灯|乱停乱放,U05,U07,24",
	"道路交通,,U07,U05,120",
	",危房|漏雨|裂缝|倒塌,U01,,120",
	"邻里纠纷,,U05,U02,72",
	"社会救助,,U02,,120",
	"治安,,U05,,24",
	"市容环境,,U03,,24",
};

/* how many keys a category has ('|'-separated) */
static unsigned
nkeys(const struct cat *c)
{
	unsigned n = 1;

	for (const char *s = c->keys; *s; s++)
		n += *s == '|';
	return n;
}

/* the i-th of them into out */
static void
key(const struct cat *c, unsigned i, char *out, size_t n)
{
	const char *s = c->keys, *e;

	while (i--)
		s = strchr(s, '|') + 1;
	e = strchr(s, '|');
	if (!e)
		e = s + strlen(s);
	snprintf(out, n, "%.*s", (int)(e - s), s);
}

static void
r_assist(struct row *w, const unsigned char *list, size_t n, unsigned lead)
{
	int first = 1;

	for (size_t i = 0; i < n; i++) {
		if (!list[i] || list[i] > nunits || list[i] == lead)
			continue;
		if (!first)
			r_chr(w, ';');
		first = 0;
		r_chr(w, 'U');
		r_num(w, list[i], 2);
	}
}

/* A generated rule list, for benchmarks: first specific rules (a category
 * and a pattern built from its keys, the variants), then one pattern-only
 * rule per category (all its keys), then one category-only rule per
 * category as the fallback.  Patterns use only literals, alternation,
 * (?:), .* and ^, which mean the same with or without PCRE2_UTF. */
static void
write_rules(unsigned nrules)
{
	static const unsigned hourset[] = {3, 5, 8, 24, 72, 120, 360};
	struct rng r;
	struct out o;
	struct row w = {.n = 0};
	unsigned live[LEN(cats)], nlive = 0, order = 0, nbase, nvar;
	char k1[64], k2[64], k3[64], pat[256];

	rng_init(&r, "rules");
	out_open(&o, "rules.csv", "order,category,pattern,unit,assist,hours");
	if (!nrules) {
		for (size_t i = 0; i < LEN(district_rules); i++) {
			r_num(&w, ++order, 1);
			r_chr(&w, ',');
			r_str(&w, district_rules[i]);
			r_end(&w, o.fp);
		}
		out_close(&o);
		return;
	}
	for (unsigned c = 0; c < LEN(cats); c++)
		if (cat_live(&cats[c]))
			live[nlive++] = c;
	nbase = 2 * nlive;
	nvar = nrules > nbase ? nrules - nbase : 0;
	for (unsigned v = 0; v < nvar; v++) {
		const struct cat *c = &cats[live[v % nlive]];
		unsigned round = v / nlive, nk = nkeys(c), kind = round % 4;
		unsigned a = (round / 4 + v) % nk, b = (a + 1 + round / 4) % nk;
		unsigned lead = present(c->lead, LEN(c->lead));
		unsigned alt = present(c->alt, LEN(c->alt)), h;

		key(c, a, k1, sizeof k1);
		key(c, b, k2, sizeof k2);
		key(c, (b + 1) % nk, k3, sizeof k3);
		if (kind == 0)
			snprintf(pat, sizeof pat, "(?:%s|%s)", k1, k2);
		else if (kind == 1)
			snprintf(pat, sizeof pat, "%s.*(?:尽快|马上|立即)", k1);
		else if (kind == 2)
			snprintf(pat, sizeof pat, "^(?:反映|群众反映|举报).*%s",
			    k1);
		else
			snprintf(pat, sizeof pat, "%s|%s|%s", k1, k2, k3);
		/* a specific matter may belong to another unit */
		if (alt && permille(&r, 250))
			lead = alt;
		for (h = 0; hourset[h] < c->hours; h++)
			;
		h = h == 0 ? below(&r, 2)
		    : h + 1 == LEN(hourset) ? h - below(&r, 2)
		    : h - 1 + below(&r, 3);
		r_num(&w, ++order, 1);
		r_chr(&w, ',');
		if (permille(&r, 800))
			r_str(&w, c->name);
		r_chr(&w, ',');
		r_str(&w, pat);
		r_str(&w, ",U");
		r_num(&w, lead, 2);
		r_chr(&w, ',');
		if (permille(&r, 500))
			r_assist(&w, c->assist, LEN(c->assist), lead);
		r_chr(&w, ',');
		r_num(&w, hourset[h], 1);
		r_end(&w, o.fp);
	}
	/* with fewer rules than two per category, keep the fallbacks */
	for (unsigned pass = 0; pass < 2; pass++) {
		unsigned n = nrules >= nbase ? nlive : pass == 0
		    ? (nrules > nlive ? nrules - nlive : 0)
		    : (nrules < nlive ? nrules : nlive);
		for (unsigned i = 0; i < n; i++) {
			const struct cat *c = &cats[live[i]];
			unsigned lead = present(c->lead, LEN(c->lead));
			r_num(&w, ++order, 1);
			r_chr(&w, ',');
			if (pass == 1)
				r_str(&w, c->name);
			r_chr(&w, ',');
			if (pass == 0)
				r_str(&w, c->keys);
			r_str(&w, ",U");
			r_num(&w, lead, 2);
			r_chr(&w, ',');
			r_assist(&w, c->assist, LEN(c->assist), lead);
			r_chr(&w, ',');
			r_num(&w, c->hours, 1);
			r_end(&w, o.fp);
		}
	}
	out_close(&o);
}

/* ------------------------------------------------------------------ */
/* issues */

/* China's 2013 holidays and the weekend days worked in exchange
 * (国办发明电〔2012〕33号), as in ref/calendar-2013.csv; other years
 * know weekends only */
static const unsigned short hol2013[] = {
	101, 102, 103, 209, 210, 211, 212, 213, 214, 215, 404, 405, 406, 429,
	430, 501, 610, 611, 612, 919, 920, 921, 1001, 1002, 1003, 1004, 1005,
	1006, 1007,
};
static const unsigned short work2013[] = {
	105, 106, 216, 217, 407, 427, 428, 608, 609, 922, 929, 1012,
};

static int
workday(int y, unsigned m, unsigned d, int64_t days)
{
	unsigned md = m * 100 + d, wd = (unsigned)((days % 7 + 11) % 7);

	if (y == 2013) {
		for (size_t i = 0; i < LEN(hol2013); i++)
			if (hol2013[i] == md)
				return 0;
		for (size_t i = 0; i < LEN(work2013); i++)
			if (work2013[i] == md)
				return 1;
	}
	return wd != 0 && wd != 6; /* wd: 0 Sunday .. 6 Saturday */
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* the place an issue is about, in words: "王家庄村东头", "金苑社区3号楼" */
static void
place(struct rng *r, uint32_t g, char *out, size_t n)
{
	static const char *const vsuf[] = {
		"东头", "西头", "南头", "北头", "村口", "村委会附近", "中心街",
		"后街", "南边路口", "小学附近",
	};
	static const char *const csuf[] = {
		"门口", "北门", "小区内", "附近", "东侧路口", "楼下",
	};
	static const char *const tsuf[] = {
		"驻地", "集市", "政府附近", "大街",
	};
	uint32_t h = G[g].kind == K_CELL ? (uint32_t)G[g].parent : g;

	if (G[h].kind == K_VILL)
		snprintf(out, n, "%s%s", G[h].name, PICK(r, vsuf));
	else if (G[h].kind == K_COMM && permille(r, 500))
		snprintf(out, n, "%s%u号楼", G[h].name, 1 + below(r, 30));
	else if (G[h].kind == K_COMM)
		snprintf(out, n, "%s%s", G[h].name, PICK(r, csuf));
	else
		snprintf(out, n, "%s%s", G[ancestor(h, 2)].name,
		    PICK(r, tsuf));
}

/* fill a template; ascii: a clerk typed half-width commas */
static void
expand(struct rng *r, const char *tpl, const char *where, int ascii,
    char *out, size_t n)
{
	size_t o = 0;

	for (const char *s = tpl; *s && o + 64 < n;) {
		const char *add = NULL;
		char num[4];

		if (!strncmp(s, "{P}", 3)) {
			add = where;
		} else if (!strncmp(s, "{N}", 3)) {
			snprintf(num, sizeof num, "%u", 2 + below(r, 8));
			add = num;
		} else if (!strncmp(s, "{A}", 3)) {
			add = PICK(r, asks);
		} else if (ascii && !strncmp(s, "，", 3)) {
			add = ",";
		}
		if (add) {
			size_t l = strlen(add);
			if (o + l + 64 >= n)
				break;
			memcpy(out + o, add, l);
			o += l;
			s += 3;
		} else {
			out[o++] = *s++;
		}
	}
	out[o] = '\0';
}

/* a template; patrols see places, not kitchens, so theirs name one */
static const char *
pick_tpl(struct rng *r, const char *const *tpl, size_t n, int needplace)
{
	const char *t;

	do
		t = tpl[below(r, (uint32_t)n)];
	while (!t || (needplace && !strstr(t, "{P}")));
	return t;
}

static void
write_issues(uint32_t nissues, uint64_t nhh)
{
	struct rng r;
	struct out o;
	struct row w = {.n = 0};
	unsigned nd = days_in_year(year), wh = 0, wg = 0;
	int64_t day0 = days_from_civil(year, 1, 1);
	uint32_t *perday = xcalloc(nd, sizeof *perday);
	uint32_t *dw = xcalloc(nd, sizeof *dw), maxd = 0, *mins, ref = 0;
	uint8_t *isw = xcalloc(nd, 1);
	uint32_t *mid = xcalloc(nG, sizeof *mid), nmid = 0;
	unsigned live[LEN(cats)], nlive = 0, gap;
	static const unsigned monthw[12] = {
		8, 7, 10, 10, 11, 12, 12, 12, 11, 10, 10, 9,
	};
	char where[128], text[1024];

	rng_init(&r, "issues");
	for (unsigned c = 0; c < LEN(cats); c++) {
		if (!cat_live(&cats[c]))
			continue;
		live[nlive++] = c;
		wh += cats[c].whh;
		wg += cats[c].wgrid;
	}
	for (uint32_t g = 0; g < nG; g++)
		if (G[g].depth == 3)
			mid[nmid++] = g;
	for (unsigned d = 0; d < nd; d++) {
		int y;
		unsigned m, dd;
		civil_from_days(day0 + d, &y, &m, &dd);
		isw[d] = (uint8_t)workday(y, m, dd, day0 + d);
		dw[d] = (isw[d] ? 10 : 3) * monthw[m - 1];
	}
	alloc(perday, dw, nd, nissues, UINT32_MAX - 1, &r);
	for (unsigned d = 0; d < nd; d++)
		if (perday[d] > maxd)
			maxd = perday[d];
	mins = xcalloc(maxd, sizeof *mins);
	/* 12345 tickets: numbered for the whole hotline, so only some reach
	 * the grids, but never more than six digits if it can be helped */
	gap = nissues ? 999999u / (nissues / 3 + 1) : 3;
	gap = gap < 1 ? 1 : gap > 3 ? 3 : gap;
	ref = below(&r, 500);

	out_open(&o, "issues.csv", "household,grid,category,text,source,"
	    "reporter,private,filed_at,ref");
	for (unsigned d = 0; d < nd; d++) {
		int y;
		unsigned m, dd;
		int work = isw[d];

		civil_from_days(day0 + d, &y, &m, &dd);
		for (uint32_t i = 0; i < perday[d]; i++) {
			unsigned p = below(&r, 1000), t;
			if (p < 20)
				t = below(&r, 1440);
			else if (work && p < 870)
				do
					t = 480 + below(&r, 600);
				while (t >= 720 && t < 810 && permille(&r, 700));
			else
				t = 420 + below(&r, 870);
			mins[i] = t;
		}
		qsort(mins, perday[d], sizeof *mins, cmp_u32);
		for (uint32_t i = 0; i < perday[d]; i++) {
			int office = work && mins[i] >= 480 && mins[i] < 1080;
			int byhh = nhh && permille(&r, 850), priv = 0;
			unsigned p;
			const struct cat *c = NULL;
			const char *src, *tpl;
			int32_t rep;
			uint32_t g;

			if (byhh) {
				uint64_t h = ((next(&r) >> 11) % nhh);
				uint32_t lo = 0, hi = nleaves - 1;
				while (lo < hi) {
					uint32_t md = (lo + hi + 1) / 2;
					if (G[leaves[md]].hh0 <= h)
						lo = md;
					else
						hi = md - 1;
				}
				/* the last leaf starting at or before h: an empty
				 * leaf shares its start with the next one */
				g = leaves[lo];
				r_str(&w, G[g].code);
				r_num(&w, h - G[g].hh0 + 1, 4);
				r_str(&w, ",,");
				p = below(&r, 1000);
				src = !office ? (p < 300 ? "visit" : "hotline")
				    : p < 550 ? "visit" : p < 830 ? "hotline"
				    : "walk-in";
			} else {
				g = nmid && permille(&r, 150)
				    ? mid[below(&r, nmid)]
				    : leaves[below(&r, nleaves)];
				r_chr(&w, ',');
				r_str(&w, G[g].code);
				r_chr(&w, ',');
				src = permille(&r, office ? 800 : 400)
				    ? "patrol" : "hotline";
			}
			if (!permille(&r, 950) || !nlive) {
				r_str(&w, "其他");
				tpl = pick_tpl(&r, other_tpl, LEN(other_tpl),
				    !byhh);
			} else {
				unsigned x = below(&r, byhh ? wh : wg), k = 0;
				while (x >= (byhh ? cats[live[k]].whh
					: cats[live[k]].wgrid)) {
					x -= byhh ? cats[live[k]].whh
					    : cats[live[k]].wgrid;
					k++;
				}
				c = &cats[live[k]];
				r_str(&w, c->name);
				tpl = pick_tpl(&r, c->tpl, LEN(c->tpl), !byhh);
				priv = byhh && permille(&r, c->priv);
			}
			r_chr(&w, ',');
			place(&r, g, where, sizeof where);
			expand(&r, tpl, where, permille(&r, 80), text,
			    sizeof text);
			r_csv(&w, text);
			r_chr(&w, ',');
			r_str(&w, src);
			r_chr(&w, ',');
			/* the hotline's operator is no cadre; at the service
			 * desk the cadre on duty sometimes signs */
			rep = -1;
			p = !strcmp(src, "visit") || !strcmp(src, "patrol")
			    ? 950 : !strcmp(src, "walk-in") ? 500 : 0;
			if (p && permille(&r, p))
				rep = grid_cadre(&r, g);
			if (rep >= 0)
				r_cadre(&w, (uint32_t)rep);
			r_str(&w, priv ? ",1," : ",0,");
			r_num(&w, (unsigned)y, 4);
			r_chr(&w, '-');
			r_num(&w, m, 2);
			r_chr(&w, '-');
			r_num(&w, dd, 2);
			r_chr(&w, ' ');
			r_num(&w, mins[i] / 60, 2);
			r_chr(&w, ':');
			r_num(&w, mins[i] % 60, 2);
			r_chr(&w, ',');
			if (!strcmp(src, "hotline")) {
				ref += 1 + below(&r, gap);
				r_str(&w, "12345-");
				r_num(&w, (unsigned)y, 4);
				r_chr(&w, '-');
				r_num(&w, ref, 6);
			}
			r_end(&w, o.fp);
		}
	}
	out_close(&o);
	free(perday);
	free(dw);
	free(isw);
	free(mins);
	free(mid);
}

/* ------------------------------------------------------------------ */

static _Noreturn void
usage(FILE *fp, int code)
{
	fputs(usage_line, fp);
	exit(code);
}

static uint64_t
number(const char *opt, const char *s, uint64_t lo, uint64_t hi)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (!*s || *end || errno || *s == '-' || v < lo || v > hi)
		die(2, "%s: '%s' is not a number from %llu to %llu", opt, s,
		    (unsigned long long)lo, (unsigned long long)hi);
	return v;
}

int
main(int argc, char **argv)
{
	const char *seed = "1", *scale = "county";
	int64_t nhh = -1, ncad = -1, niss = -1, nrul = -1;
	enum scale sc;
	struct rng r;
	uint64_t hh, cad, iss, rul;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = NULL, *eq;
		char opt[32];

		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			usage(stdout, 0);
		if (strncmp(a, "--", 2))
			usage(stderr, 2);
		if ((eq = strchr(a, '=')) && eq - a < (int)sizeof opt) {
			snprintf(opt, sizeof opt, "%.*s", (int)(eq - a), a);
			v = eq + 1;
		} else {
			snprintf(opt, sizeof opt, "%s", a);
			if (i + 1 >= argc)
				die(2, "%s needs a value", a);
			v = argv[++i];
		}
		if (!strcmp(opt, "--seed"))
			seed = v;
		else if (!strcmp(opt, "--scale"))
			scale = v;
		else if (!strcmp(opt, "--households"))
			nhh = (int64_t)number(opt, v, 0, 100000000);
		else if (!strcmp(opt, "--cadres"))
			ncad = (int64_t)number(opt, v, 0, 99999);
		else if (!strcmp(opt, "--issues"))
			niss = (int64_t)number(opt, v, 0, 100000000);
		else if (!strcmp(opt, "--rules"))
			nrul = (int64_t)number(opt, v, 1, 100000);
		else if (!strcmp(opt, "--year"))
			year = (int)number(opt, v, 1990, 2100);
		else if (!strcmp(opt, "--out"))
			outdir = v;
		else
			usage(stderr, 2);
	}
	if (!outdir)
		usage(stderr, 2);
	if (!strcmp(scale, "district"))
		sc = S_DISTRICT;
	else if (!strcmp(scale, "county"))
		sc = S_COUNTY;
	else if (!strcmp(scale, "city"))
		sc = S_CITY;
	else
		die(2, "unknown scale '%s': district, county or city", scale);
	if (mkdir(outdir, 0777) && errno != EEXIST)
		die(1, "cannot create '%s': %s", outdir, strerror(errno));

	/* the real figures of doc/domain.md; the district is small on purpose */
	{
		static const uint64_t def[3][4] = {
			{2000, 65, 300, 0},
			{337000, 10180, 35489, 200},
			{3500000, 45388, 1000000, 200},
		};
		static const unsigned nu[3] = {10, 24, 40};
		hh = nhh >= 0 ? (uint64_t)nhh : def[sc][0];
		cad = ncad >= 0 ? (uint64_t)ncad : def[sc][1];
		iss = niss >= 0 ? (uint64_t)niss : def[sc][2];
		rul = nrul >= 0 ? (uint64_t)nrul : def[sc][3];
		nunits = nu[sc];
	}
	city = sc == S_CITY;
	seedhash = fnv1a(0xcbf29ce484222325ULL, seed);
	surnames_init();
	if (city) {
		pfx = zz_pfx, npfx = LEN(zz_pfx);
	} else {
		pfx = linyi_pfx, npfx = LEN(linyi_pfx);
	}

	rng_init(&r, "tree");
	if (city)
		build_city(&r);
	else
		build_county(&r, sc == S_DISTRICT);
	rng_init(&r, "alloc");
	populate(&r, hh, (uint32_t)cad, sc);

	write_levels(sc);
	write_units();
	write_cadres((uint32_t)cad);
	write_grids();
	write_households();
	write_rules((unsigned)rul);
	write_issues((uint32_t)iss, hh);
	fprintf(stderr, "gen: %s, seed '%s': %u grids (%u leaves), %u units, "
	    "%llu cadres, %llu households, %llu issues in %d\n", scale, seed,
	    nG, nleaves, nunits, (unsigned long long)cad,
	    (unsigned long long)hh, (unsigned long long)iss, year);
	free(G);
	free(leaves);
	free(cad_left);
	return 0;
}
