/* The passes of checks/text.py over every word of a call, in C.
 *
 * A five-minute call has about 800 words and its checks walk them several times; a Python
 * loop costs 130-400 instructions a word in CPython 3.11. checks/wordpass.py holds the same
 * passes in Python (run when this module was not built) and says what each one does;
 * tests/test_checks_wordpass.py holds the two to the same results.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>

static PyObject *PROBABILITY; /* "probability", interned */
static PyObject *TEXT;        /* "text", interned */

/* Reads one attribute of many objects. Words are slotted dataclasses (transcribe/model.py):
 * for objects of the type seen first the value is read straight from its slot, a few
 * instructions instead of the ~160 of PyObject_GetAttr; any other object goes through
 * PyObject_GetAttr, so a word of another type still works. */
typedef struct {
    PyObject *name;
    PyTypeObject *type; /* borrowed: the type of the first word (reader_learn) */
    Py_ssize_t offset;  /* of the slot in objects of ``type``; -1: not a plain slot */
} AttrReader;

static void
reader_learn(AttrReader *reader, PyObject *obj)
{
    reader->type = Py_TYPE(obj);
    reader->offset = -1;
    if (reader->type->tp_getattro != PyObject_GenericGetAttr)
        return; /* a class with its own __getattribute__ */
    PyObject *descr = PyObject_GetAttr((PyObject *)reader->type, reader->name);
    if (descr == NULL) {
        PyErr_Clear(); /* PyObject_GetAttr on the object raises the AttributeError */
        return;
    }
    if (Py_IS_TYPE(descr, &PyMemberDescr_Type)) {
        PyMemberDef *member = ((PyMemberDescrObject *)descr)->d_member;
        if (member->type == T_OBJECT_EX)
            reader->offset = member->offset;
    }
    Py_DECREF(descr);
}

/* obj.<name>: a new reference, or NULL with an exception set. */
static PyObject *
reader_get(const AttrReader *reader, PyObject *obj)
{
    if (Py_TYPE(obj) == reader->type && reader->offset >= 0) {
        PyObject *value = *(PyObject **)((char *)obj + reader->offset);
        if (value != NULL) {
            Py_INCREF(value);
            return value;
        }
    }
    return PyObject_GetAttr(obj, reader->name); /* also raises for an empty slot */
}

/* memo[key] for a dict subclass with __missing__: one C lookup when the key is there. New reference. */
static PyObject *
memo_get(PyObject *memo, PyObject *key)
{
    PyObject *value = PyDict_GetItemWithError(memo, key);
    if (value != NULL) {
        Py_INCREF(value);
        return value;
    }
    if (PyErr_Occurred())
        return NULL;
    return PyObject_GetItem(memo, key); /* computes and stores it: __missing__ */
}

static PyObject *
memo_map(PyObject *module, PyObject *args)
{
    PyObject *memo, *items;
    if (!PyArg_ParseTuple(args, "O!O!:memo_map", &PyDict_Type, &memo, &PyList_Type, &items))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(items);
    PyObject *out = PyList_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *value = memo_get(memo, PyList_GET_ITEM(items, i));
        if (value == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, i, value);
    }
    return out;
}

/* Reading a call's words is bound by memory, not instructions: a word, its text and its
 * probability are three objects scattered over the heap (a year of calls does not fit in a
 * cache). The loop asks for them PREFETCH words ahead so that their cache misses overlap
 * instead of coming one after another. */
#define PREFETCH 8

static void
prefetch_word(PyObject *words, Py_ssize_t i, const AttrReader *text, const AttrReader *probability)
{
    Py_ssize_t n = PyList_GET_SIZE(words);
    if (i + 2 * PREFETCH < n)
        __builtin_prefetch(PyList_GET_ITEM(words, i + 2 * PREFETCH));
    if (i + PREFETCH < n && text->offset >= 0 && probability->offset >= 0) {
        PyObject *ahead = PyList_GET_ITEM(words, i + PREFETCH); /* asked for PREFETCH words ago */
        if (Py_TYPE(ahead) == text->type && Py_TYPE(ahead) == probability->type) {
            __builtin_prefetch(*(PyObject **)((char *)ahead + text->offset));
            __builtin_prefetch(*(PyObject **)((char *)ahead + probability->offset));
        }
    }
}

/* A memo's entry for one word: the pair (token, lexeme id). Returns 0, or -1 with an exception set. */
static int
split_entry(PyObject *entry, PyObject **token, PyObject **orth)
{
    if (!PyTuple_CheckExact(entry) || PyTuple_GET_SIZE(entry) != 2) {
        PyErr_SetString(PyExc_TypeError, "read_words: the memo's values are (token, lexeme id) pairs");
        return -1;
    }
    *token = PyTuple_GET_ITEM(entry, 0);
    *orth = PyTuple_GET_ITEM(entry, 1);
    Py_INCREF(*token);
    Py_INCREF(*orth);
    return 0;
}

static PyObject *
read_words(PyObject *module, PyObject *args)
{
    PyObject *words, *memo;
    if (!PyArg_ParseTuple(args, "O!O!:read_words", &PyList_Type, &words, &PyDict_Type, &memo))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(words);
    AttrReader text_reader = {TEXT, NULL, -1}, probability_reader = {PROBABILITY, NULL, -1};
    if (n > 0) {
        reader_learn(&text_reader, PyList_GET_ITEM(words, 0));
        reader_learn(&probability_reader, PyList_GET_ITEM(words, 0));
    }
    PyObject *tokens = PyList_New(n), *orths = PyList_New(n), *probabilities = PyList_New(n);
    if (tokens == NULL || orths == NULL || probabilities == NULL)
        goto error;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_GET_SIZE(words) != n) { /* a memo's __missing__ is Python code */
            PyErr_SetString(PyExc_RuntimeError, "read_words: the words changed while being read");
            goto error;
        }
        prefetch_word(words, i, &text_reader, &probability_reader);
        PyObject *word = PyList_GET_ITEM(words, i);
        PyObject *probability = reader_get(&probability_reader, word);
        if (probability == NULL)
            goto error;
        PyList_SET_ITEM(probabilities, i, probability);
        PyObject *text = reader_get(&text_reader, word);
        if (text == NULL)
            goto error;
        PyObject *entry = memo_get(memo, text);
        Py_DECREF(text);
        if (entry == NULL)
            goto error;
        PyObject *token, *orth;
        int bad = split_entry(entry, &token, &orth);
        Py_DECREF(entry);
        if (bad)
            goto error;
        PyList_SET_ITEM(tokens, i, token);
        PyList_SET_ITEM(orths, i, orth);
    }
    return Py_BuildValue("(NNN)", tokens, orths, probabilities);
error:
    Py_XDECREF(tokens);
    Py_XDECREF(orths);
    Py_XDECREF(probabilities);
    return NULL;
}

static PyObject *
unsure_mask(PyObject *module, PyObject *args)
{
    PyObject *probabilities;
    double floor;
    if (!PyArg_ParseTuple(args, "O!d:unsure_mask", &PyList_Type, &probabilities, &floor))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(probabilities);
    PyObject *mask = PyBytes_FromStringAndSize(NULL, n);
    if (mask == NULL)
        return NULL;
    char *bits = PyBytes_AS_STRING(mask);
    for (Py_ssize_t i = 0; i < n; i++) {
        double value = PyFloat_AsDouble(PyList_GET_ITEM(probabilities, i));
        if (value == -1.0 && PyErr_Occurred()) {
            Py_DECREF(mask);
            return NULL;
        }
        bits[i] = value < floor;
    }
    return mask;
}

/* Whether tokens[i] is one of the phrase words: 1, 0, or -1 with an exception set. */
static int
phrase_word(PyObject *tokens, Py_ssize_t i, PyObject *words)
{
    return PySet_Contains(words, PyList_GET_ITEM(tokens, i));
}

/* A range (a, b) of token indices within [0, n]: 0, or -1 with an exception set. Read from
 * the tuple directly: PyArg_ParseTuple took more time than the scan of a short run. */
static int
range_bounds(PyObject *range, Py_ssize_t n, Py_ssize_t *a, Py_ssize_t *b, const char *caller)
{
    if (!PyTuple_Check(range) || PyTuple_GET_SIZE(range) != 2) {
        PyErr_Format(PyExc_TypeError, "%s: a range is a tuple (start, end)", caller);
        return -1;
    }
    *a = PyLong_AsSsize_t(PyTuple_GET_ITEM(range, 0));
    *b = PyLong_AsSsize_t(PyTuple_GET_ITEM(range, 1));
    if ((*a == -1 || *b == -1) && PyErr_Occurred())
        return -1;
    if (*a < 0 || *b > n || *a > *b) {
        PyErr_Format(PyExc_IndexError, "%s: a range lies outside the tokens", caller);
        return -1;
    }
    return 0;
}

/* The runs of checks.wordpass.Python.misheard_runs, appended to ``runs`` as (start, end);
 * with ``runs`` NULL it stops at the first. Returns how many it found, or -1 with an
 * exception set; ``caller`` names the entry point in errors. */
static Py_ssize_t
scan_runs(PyObject *tokens, const char *unsure, PyObject *ranges, PyObject *words, Py_ssize_t min_chars,
          PyObject *runs, const char *caller)
{
    Py_ssize_t n = PyList_GET_SIZE(tokens), count = 0;
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(ranges); r++) {
        Py_ssize_t a, b;
        if (range_bounds(PyList_GET_ITEM(ranges, r), n, &a, &b, caller) < 0)
            return -1;
        for (Py_ssize_t i = a; i < b;) {
            if (!unsure[i]) {
                i++;
                continue;
            }
            Py_ssize_t start = i, end = i + 1;
            int found;
            while (start > a && (found = phrase_word(tokens, start - 1, words)) != 0) {
                if (found < 0)
                    return -1;
                start--;
            }
            while (end < b) {
                if (!unsure[end]) {
                    found = phrase_word(tokens, end, words);
                    if (found < 0)
                        return -1;
                    if (!found)
                        break;
                }
                end++;
            }
            Py_ssize_t chars = end - start - 1; /* the spaces between the tokens */
            for (Py_ssize_t k = start; k < end; k++)
                chars += PyUnicode_GET_LENGTH(PyList_GET_ITEM(tokens, k));
            if (chars >= min_chars) {
                count++;
                if (runs == NULL)
                    return count;
                PyObject *run = Py_BuildValue("(nn)", start, end);
                if (run == NULL || PyList_Append(runs, run) < 0) {
                    Py_XDECREF(run);
                    return -1;
                }
                Py_DECREF(run);
            }
            i = end;
        }
    }
    return count;
}

/* The mask of misheard_runs, checked against the tokens: its bytes, or NULL with an exception set. */
static const char *
mask_bytes(PyObject *tokens, PyObject *mask, const char *caller)
{
    if (PyBytes_GET_SIZE(mask) != PyList_GET_SIZE(tokens)) {
        PyErr_Format(PyExc_ValueError, "%s: the mask and the tokens differ in length", caller);
        return NULL;
    }
    return PyBytes_AS_STRING(mask);
}

static PyObject *
misheard_runs(PyObject *module, PyObject *args)
{
    PyObject *tokens, *mask, *ranges, *words;
    Py_ssize_t min_chars;
    if (!PyArg_ParseTuple(args, "O!O!O!O!n:misheard_runs", &PyList_Type, &tokens, &PyBytes_Type, &mask,
                          &PyList_Type, &ranges, &PyFrozenSet_Type, &words, &min_chars))
        return NULL;
    const char *unsure = mask_bytes(tokens, mask, "misheard_runs");
    if (unsure == NULL)
        return NULL;
    PyObject *runs = PyList_New(0);
    if (runs == NULL)
        return NULL;
    if (scan_runs(tokens, unsure, ranges, words, min_chars, runs, "misheard_runs") < 0) {
        Py_DECREF(runs);
        return NULL;
    }
    return runs;
}

/* A Needle (checks/packs.py, a NamedTuple): its words (field 3) and its shortest spelling's
 * length (field 2, first), read by position; 0, or -1 with an exception set. */
static int
needle_fields(PyObject *needle, PyObject **words, Py_ssize_t *shortest)
{
    if (!PyTuple_Check(needle) || PyTuple_GET_SIZE(needle) != 4) {
        PyErr_SetString(PyExc_TypeError, "misheard_needles: a needle is a Needle (first, spellings, lengths, words)");
        return -1;
    }
    PyObject *lengths = PyTuple_GET_ITEM(needle, 2);
    *words = PyTuple_GET_ITEM(needle, 3);
    if (!PyTuple_Check(lengths) || PyTuple_GET_SIZE(lengths) < 1 || !PyFrozenSet_Check(*words)) {
        PyErr_SetString(PyExc_TypeError, "misheard_needles: a needle's lengths is a tuple and its words a frozenset");
        return -1;
    }
    *shortest = PyLong_AsSsize_t(PyTuple_GET_ITEM(lengths, 0));
    return (*shortest == -1 && PyErr_Occurred()) ? -1 : 0;
}

static PyObject *
misheard_needles(PyObject *module, PyObject *args)
{
    PyObject *tokens, *mask, *ranges, *needles;
    Py_ssize_t slack;
    if (!PyArg_ParseTuple(args, "O!O!O!O!n:misheard_needles", &PyList_Type, &tokens, &PyBytes_Type, &mask,
                          &PyList_Type, &ranges, &PyTuple_Type, &needles, &slack))
        return NULL;
    const char *unsure = mask_bytes(tokens, mask, "misheard_needles");
    if (unsure == NULL)
        return NULL;
    PyObject *kept = PyList_New(0);
    if (kept == NULL)
        return NULL;
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(needles); k++) {
        PyObject *needle = PyTuple_GET_ITEM(needles, k), *words;
        Py_ssize_t shortest, found;
        if (needle_fields(needle, &words, &shortest) < 0
            || (found = scan_runs(tokens, unsure, ranges, words, shortest - slack, NULL, "misheard_needles")) < 0
            || (found > 0 && PyList_Append(kept, needle) < 0)) {
            Py_DECREF(kept);
            return NULL;
        }
    }
    return kept;
}

/* Whether a speaker may have restarted: a token of ``hesitations``, or a token equal to the one
   before it (CallText's fluent pass then runs). */
static PyObject *
restarts(PyObject *module, PyObject *args)
{
    PyObject *tokens, *hesitations;
    if (!PyArg_ParseTuple(args, "O!O!:restarts", &PyList_Type, &tokens, &PyFrozenSet_Type, &hesitations))
        return NULL;
    /* A str longer than every hesitation is none of them, and two strs of different lengths
     * differ: most tokens are told by their length alone, which is in the object's header. */
    Py_ssize_t longest = 0;
    PyObject *iterator = PyObject_GetIter(hesitations), *item;
    if (iterator == NULL)
        return NULL;
    while ((item = PyIter_Next(iterator)) != NULL) {
        Py_ssize_t length = PyUnicode_CheckExact(item) ? PyUnicode_GET_LENGTH(item) : PY_SSIZE_T_MAX;
        longest = length > longest ? length : longest;
        Py_DECREF(item);
    }
    Py_DECREF(iterator);
    if (PyErr_Occurred())
        return NULL;
    PyObject *before = NULL;
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(tokens); i++) {
        PyObject *token = PyList_GET_ITEM(tokens, i);
        int is_str = PyUnicode_CheckExact(token); /* a subclass may compare otherwise */
        int found = 0;
        if (!is_str || PyUnicode_GET_LENGTH(token) <= longest)
            found = PySet_Contains(hesitations, token);
        if (found == 0 && before != NULL
            && (!is_str || !PyUnicode_CheckExact(before)
                || PyUnicode_GET_LENGTH(token) == PyUnicode_GET_LENGTH(before)))
            found = PyObject_RichCompareBool(token, before, Py_EQ);
        if (found < 0)
            return NULL;
        if (found)
            Py_RETURN_TRUE;
        before = token;
    }
    Py_RETURN_FALSE;
}

/* Where a spelling may align in fuzz.partial_ratio: every substring of the haystack as long as
 * the spelling, and its shorter prefixes and suffixes (rapidfuzz's windows). LONGEST_BOUNDED:
 * longer spellings are kept unexamined (rapidfuzz aligns spellings over 64 characters another
 * way). BUCKETS: characters are counted by their code point modulo 256; two characters in one
 * bucket can only raise the count of characters in common, so the bound stays a bound. */
#define LONGEST_BOUNDED 64
#define BUCKETS 256
#define REACH_SLACK 1e-6 /* rapidfuzz's score and the bound are the same fraction, rounded apart */

/* Whether a window's characters in common with the spelling (``common``, of a window of
 * ``window`` characters) may give a partial_ratio of ``floor``: 200 * common / (m + window). */
static int
may_reach(Py_ssize_t common, Py_ssize_t m, Py_ssize_t window, double floor)
{
    return 200.0 * (double)common >= (floor - REACH_SLACK) * (double)(m + window);
}

/* Whether fuzz.partial_ratio(haystack, spelling) may reach ``floor``: the characters a window
 * has in common with the spelling (as a multiset) bound their longest common subsequence, so
 * 200 * common / (len(spelling) + len(window)) bounds the window's ratio. ``buckets`` holds the
 * haystack's characters as buckets; ``spelling`` is a str. 1, 0, or -1 with an exception set. */
static int
spelling_in_reach(const unsigned char *buckets, Py_ssize_t n, PyObject *spelling, double floor)
{
    if (!PyUnicode_Check(spelling)) {
        PyErr_SetString(PyExc_TypeError, "within_reach: a spelling is a str");
        return -1;
    }
    Py_ssize_t m = PyUnicode_GET_LENGTH(spelling);
    if (m == 0 || m >= n || m > LONGEST_BOUNDED)
        return 1; /* rapidfuzz aligns these otherwise (both ways when as long): no bound */
    unsigned char wanted[BUCKETS] = {0}, seen[BUCKETS] = {0}; /* counts of at most 64 */
    int kind = PyUnicode_KIND(spelling);
    const void *data = PyUnicode_DATA(spelling);
    for (Py_ssize_t i = 0; i < m; i++)
        wanted[PyUnicode_READ(kind, data, i) % BUCKETS]++;
    Py_ssize_t common = 0, i;
    for (i = 0; i < m; i++) { /* the prefixes, then the first full window */
        unsigned char c = buckets[i];
        common += seen[c]++ < wanted[c];
        if (may_reach(common, m, i + 1, floor))
            return 1;
    }
    for (; i < n; i++) { /* the window slides one character on */
        unsigned char out = buckets[i - m], in = buckets[i];
        common -= --seen[out] < wanted[out];
        common += seen[in]++ < wanted[in];
        if (may_reach(common, m, m, floor))
            return 1;
    }
    for (Py_ssize_t start = n - m; start < n - 1; start++) { /* the suffixes */
        unsigned char out = buckets[start];
        common -= --seen[out] < wanted[out];
        if (may_reach(common, m, n - start - 1, floor))
            return 1;
    }
    return 0;
}

static PyObject *
within_reach(PyObject *module, PyObject *args)
{
    PyObject *haystack, *spellings;
    double floor;
    if (!PyArg_ParseTuple(args, "UO!d:within_reach", &haystack, &PyTuple_Type, &spellings, &floor))
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(haystack);
    unsigned char *buckets = PyMem_Malloc(n > 0 ? n : 1);
    if (buckets == NULL)
        return PyErr_NoMemory();
    int kind = PyUnicode_KIND(haystack);
    const void *data = PyUnicode_DATA(haystack);
    for (Py_ssize_t i = 0; i < n; i++)
        buckets[i] = PyUnicode_READ(kind, data, i) % BUCKETS;
    PyObject *kept = PyList_New(0);
    for (Py_ssize_t k = 0; kept != NULL && k < PyTuple_GET_SIZE(spellings); k++) {
        PyObject *spelling = PyTuple_GET_ITEM(spellings, k);
        int reach = spelling_in_reach(buckets, n, spelling, floor);
        if (reach < 0 || (reach && PyList_Append(kept, spelling) < 0))
            Py_CLEAR(kept);
    }
    PyMem_Free(buckets);
    return kept;
}

static PyMethodDef methods[] = {
    {"memo_map", memo_map, METH_VARARGS, "memo_map(memo, items): see checks.wordpass.Python"},
    {"read_words", read_words, METH_VARARGS, "read_words(words, memo): see checks.wordpass.Python"},
    {"unsure_mask", unsure_mask, METH_VARARGS, "unsure_mask(probabilities, floor): see checks.wordpass.Python"},
    {"misheard_runs", misheard_runs, METH_VARARGS,
     "misheard_runs(tokens, mask, ranges, words, min_chars): see checks.wordpass.Python"},
    {"misheard_needles", misheard_needles, METH_VARARGS,
     "misheard_needles(tokens, mask, ranges, needles, slack): see checks.wordpass.Python"},
    {"restarts", restarts, METH_VARARGS, "restarts(tokens, hesitations): see checks.wordpass.Python"},
    {"within_reach", within_reach, METH_VARARGS,
     "within_reach(haystack, spellings, floor): see checks.wordpass.Python"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "checks._wordpass", "The per-word passes of checks/text.py, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__wordpass(void)
{
    PROBABILITY = PyUnicode_InternFromString("probability");
    TEXT = PyUnicode_InternFromString("text");
    if (PROBABILITY == NULL || TEXT == NULL)
        return NULL;
    return PyModule_Create(&module);
}
