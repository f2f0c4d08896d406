/* Stored words back into Word objects, in C (transcribe/model.py, ``_words``).
 *
 * Re-checking a year of calls decodes every stored call, and building its ~800 Words took
 * longer than running the checks on them: ``Word(*row)`` runs a dataclass __init__ in Python
 * for each word. ``rows`` makes the objects and fills their slots directly, which is what that
 * __init__ does (a slotted dataclass without __post_init__: one assignment a field, in order).
 * transcribe/model.py falls back to ``map(Word, *columns)`` when this module was not built;
 * tests/test_transcribe_model.py holds the two to the same results.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <string.h>

#define MAX_FIELDS 16

/* The offset of the slot ``name`` in objects of ``type``: 0, or -1 with an exception set. */
static int
slot_offset(PyTypeObject *type, PyObject *name, Py_ssize_t *offset)
{
    PyObject *descr = PyObject_GetAttr((PyObject *)type, name);
    if (descr == NULL)
        return -1;
    int plain = Py_IS_TYPE(descr, &PyMemberDescr_Type)
                && ((PyMemberDescrObject *)descr)->d_member->type == T_OBJECT_EX
                && !(((PyMemberDescrObject *)descr)->d_member->flags & READONLY);
    if (plain)
        *offset = ((PyMemberDescrObject *)descr)->d_member->offset;
    Py_DECREF(descr);
    if (!plain) {
        PyErr_Format(PyExc_TypeError, "rows: %R is not a plain slot of %s", name, type->tp_name);
        return -1;
    }
    return 0;
}

/* What ``rows`` learned of the type and fields it was last given (checking a type takes longer
 * than filling an utterance's words): strong references, so the addresses stay theirs. */
static struct {
    PyTypeObject *type;
    PyObject *fields;
    Py_ssize_t offsets[MAX_FIELDS];
} learned;

/* Check that objects of ``type`` are made by filling the slots ``fields`` and learn where
 * they are: 0, or -1 with an exception set. */
static int
learn(PyTypeObject *type, PyObject *fields)
{
    Py_ssize_t width = PyTuple_GET_SIZE(fields), offsets[MAX_FIELDS];
    if (width == 0 || width > MAX_FIELDS) {
        PyErr_SetString(PyExc_ValueError, "rows: 1 to 16 fields");
        return -1;
    }
    if (!PyObject_HasAttrString((PyObject *)type, "__dataclass_fields__")
        || PyObject_HasAttrString((PyObject *)type, "__post_init__")) {
        PyErr_Format(PyExc_TypeError, "rows: %s is not a dataclass whose __init__ only sets its fields",
                     type->tp_name);
        return -1;
    }
    for (Py_ssize_t f = 0; f < width; f++)
        if (slot_offset(type, PyTuple_GET_ITEM(fields, f), &offsets[f]) < 0)
            return -1;
    Py_INCREF(type);
    Py_INCREF(fields);
    Py_XDECREF(learned.type);
    Py_XDECREF(learned.fields);
    learned.type = type;
    learned.fields = fields;
    memcpy(learned.offsets, offsets, sizeof(offsets));
    return 0;
}

static PyObject *
rows(PyObject *module, PyObject *args)
{
    PyTypeObject *type;
    PyObject *fields, *columns;
    if (!PyArg_ParseTuple(args, "O!O!O!:rows", &PyType_Type, &type, &PyTuple_Type, &fields, &PyList_Type,
                          &columns))
        return NULL;
    if ((type != learned.type || fields != learned.fields) && learn(type, fields) < 0)
        return NULL;
    Py_ssize_t width = PyTuple_GET_SIZE(fields);
    if (PyList_GET_SIZE(columns) != width) {
        PyErr_SetString(PyExc_ValueError, "rows: one column a field");
        return NULL;
    }
    Py_ssize_t n = -1;
    for (Py_ssize_t f = 0; f < width; f++) {
        PyObject *column = PyList_GET_ITEM(columns, f);
        if (!PyList_Check(column)) {
            PyErr_SetString(PyExc_TypeError, "rows: a column is a list");
            return NULL;
        }
        if (n >= 0 && PyList_GET_SIZE(column) != n) {
            PyErr_SetString(PyExc_ValueError, "rows: columns of different lengths");
            return NULL;
        }
        n = PyList_GET_SIZE(column);
    }
    Py_ssize_t offsets[MAX_FIELDS]; /* this call's own copy: making an object may run a collection */
    memcpy(offsets, learned.offsets, sizeof(offsets));
    PyObject *out = PyTuple_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *obj = type->tp_alloc(type, 0);
        if (obj == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        for (Py_ssize_t f = 0; f < width; f++) {
            PyObject *value = PyList_GET_ITEM(PyList_GET_ITEM(columns, f), i);
            Py_INCREF(value);
            *(PyObject **)((char *)obj + offsets[f]) = value;
        }
        PyTuple_SET_ITEM(out, i, obj);
    }
    return out;
}

static PyMethodDef methods[] = {
    {"rows", rows, METH_VARARGS,
     "rows(cls, fields, columns): a tuple of cls objects, object i with slot fields[f] set to "
     "columns[f][i]; what map(cls, *columns) makes of a slotted dataclass"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "transcribe._columns", "Stored word columns back into Word objects, in C.", -1,
    methods,
};

PyMODINIT_FUNC
PyInit__columns(void)
{
    return PyModule_Create(&module);
}
