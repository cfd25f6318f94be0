"""Reading back the QR codes we generate: SVG path -> module matrix -> image -> zxing-cpp's decoder."""

import re

from PIL import Image

TOKEN = re.compile(r"([MmHhVvZz])|(-?\d+(?:\.\d+)?)")


def svg_matrix(svg):
    """The dark modules drawn by a segno SVG (one path of horizontal strokes), as a list of rows of bools,
    quiet zone removed. Raises ValueError for anything else, so a changed output fails loudly."""
    viewbox = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg, re.IGNORECASE)  # HTML parsers lower-case it
    path = re.search(r'<path[^>]*class="qrline"[^>]*d="([^"]+)"', svg) or re.search(
        r'<path[^>]*d="([^"]+)"[^>]*class="qrline"', svg
    )
    if not (viewbox and path):
        raise ValueError("not a segno QR SVG")
    size = int(viewbox.group(1))
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    command, numbers = None, []
    for match in TOKEN.finditer(path.group(1)):
        if match.group(1):
            command, numbers = match.group(1), []
            continue
        numbers.append(float(match.group(2)))
        if command in "Mm" and len(numbers) == 2:
            x, y = (numbers[0], numbers[1]) if command == "M" else (x + numbers[0], y + numbers[1])
            numbers = []
        elif command == "h" and len(numbers) == 1:
            for column in range(int(round(x)), int(round(x + numbers[0]))):
                grid[int(y)][column] = True
            x += numbers[0]
            numbers = []
        elif command not in "Mmh":
            raise ValueError(f"unexpected path command {command!r}")
    dark_rows = [i for i, row in enumerate(grid) if any(row)]
    first, last = dark_rows[0], dark_rows[-1]
    return [row[first : last + 1] for row in grid[first : last + 1]]


def matrix_image(matrix, scale=8, border=4):
    size = (len(matrix) + 2 * border) * scale
    image = Image.new("L", (size, size), 255)
    for row_index, row in enumerate(matrix):
        for column_index, dark in enumerate(row):
            if dark:
                left, top = (column_index + border) * scale, (row_index + border) * scale
                image.paste(0, (left, top, left + scale, top + scale))
    return image


def decode_image(image):
    """Every QR code zxing-cpp finds in a PIL image, as text."""
    import zxingcpp

    return [result.text for result in zxingcpp.read_barcodes(image)]


def decode_svg(svg):
    return decode_image(matrix_image(svg_matrix(svg)))
