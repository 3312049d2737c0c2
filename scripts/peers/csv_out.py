"""The peers' one output helper: a CSV written atomically (a temporary file, then a rename)."""
import os


def write_atomically(path, header, rows):
    tmp = path + '.tmp'
    with open(tmp, 'w') as f:
        f.write(header + '\n' + '\n'.join(rows) + '\n')
    os.replace(tmp, path)
