/* The passes of checks/text.py over every word of a call, in C.
 *
 * A five-minute call has about 800 words and its checks walk them several times; a Python
 * loop costs 130-400 instructions a word in CPython 3.11. checks/wordpass.py holds the same
 * passes in Python (run when this module was not built) and says what each one does;
 * tests/test_checks_wordpass.py holds the two to the same results.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

static PyObject *PROBABILITY; /* "probability", interned */

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

static PyObject *
unsure_mask(PyObject *module, PyObject *args)
{
    PyObject *words;
    double floor;
    if (!PyArg_ParseTuple(args, "O!d:unsure_mask", &PyList_Type, &words, &floor))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(words);
    PyObject *mask = PyBytes_FromStringAndSize(NULL, n);
    if (mask == NULL)
        return NULL;
    char *bits = PyBytes_AS_STRING(mask);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *p = PyObject_GetAttr(PyList_GET_ITEM(words, i), PROBABILITY);
        if (p == NULL)
            goto error;
        double value = PyFloat_AsDouble(p);
        Py_DECREF(p);
        if (value == -1.0 && PyErr_Occurred())
            goto error;
        bits[i] = value < floor;
    }
    return mask;
error:
    Py_DECREF(mask);
    return NULL;
}

/* Whether tokens[i] is one of the phrase words: 1, 0, or -1 with an exception set. */
static int
phrase_word(PyObject *tokens, Py_ssize_t i, PyObject *words)
{
    return PySet_Contains(words, PyList_GET_ITEM(tokens, i));
}

static PyObject *
misheard_runs(PyObject *module, PyObject *args)
{
    PyObject *tokens, *mask, *ranges, *words;
    Py_ssize_t min_chars;
    if (!PyArg_ParseTuple(args, "O!O!O!O!n:misheard_runs", &PyList_Type, &tokens, &PyBytes_Type, &mask,
                          &PyList_Type, &ranges, &PyFrozenSet_Type, &words, &min_chars))
        return NULL;
    Py_ssize_t n = PyList_GET_SIZE(tokens);
    if (PyBytes_GET_SIZE(mask) != n) {
        PyErr_SetString(PyExc_ValueError, "misheard_runs: the mask and the tokens differ in length");
        return NULL;
    }
    const char *unsure = PyBytes_AS_STRING(mask);
    PyObject *runs = PyList_New(0);
    if (runs == NULL)
        return NULL;
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(ranges); r++) {
        Py_ssize_t a, b;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(ranges, r), "nn:misheard_runs range", &a, &b))
            goto error;
        if (a < 0 || b > n || a > b) {
            PyErr_SetString(PyExc_IndexError, "misheard_runs: a range lies outside the tokens");
            goto error;
        }
        for (Py_ssize_t i = a; i < b;) {
            if (!unsure[i]) {
                i++;
                continue;
            }
            Py_ssize_t start = i, end = i + 1;
            int found;
            while (start > a && (found = phrase_word(tokens, start - 1, words)) != 0) {
                if (found < 0)
                    goto error;
                start--;
            }
            while (end < b) {
                if (!unsure[end]) {
                    found = phrase_word(tokens, end, words);
                    if (found < 0)
                        goto error;
                    if (!found)
                        break;
                }
                end++;
            }
            Py_ssize_t chars = end - start - 1; /* the spaces between the tokens */
            for (Py_ssize_t k = start; k < end; k++)
                chars += PyUnicode_GET_LENGTH(PyList_GET_ITEM(tokens, k));
            if (chars >= min_chars) {
                PyObject *run = Py_BuildValue("(nn)", start, end);
                if (run == NULL || PyList_Append(runs, run) < 0) {
                    Py_XDECREF(run);
                    goto error;
                }
                Py_DECREF(run);
            }
            i = end;
        }
    }
    return runs;
error:
    Py_DECREF(runs);
    return NULL;
}

static PyMethodDef methods[] = {
    {"memo_map", memo_map, METH_VARARGS, "memo_map(memo, items): see checks.wordpass.Python"},
    {"unsure_mask", unsure_mask, METH_VARARGS, "unsure_mask(words, floor): see checks.wordpass.Python"},
    {"misheard_runs", misheard_runs, METH_VARARGS,
     "misheard_runs(tokens, mask, ranges, words, min_chars): see checks.wordpass.Python"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "checks._wordpass", "The per-word passes of checks/text.py, in C.", -1, methods,
};

PyMODINIT_FUNC
PyInit__wordpass(void)
{
    PROBABILITY = PyUnicode_InternFromString("probability");
    if (PROBABILITY == NULL)
        return NULL;
    return PyModule_Create(&module);
}
