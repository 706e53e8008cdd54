"""QGIS opens badia's tiles and GeoJSON: run with Debian's /usr/bin/python3 and
QT_QPA_PLATFORM=offscreen.

    tiles.py FILE.mbtiles FILE.geojson LON LAT

Prints one `key value` line per check; the Rust test compares them.
"""
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsPointXY,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsVectorTileBasicRenderer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

app = QgsApplication([], False)
app.initQgis()
mbtiles, geojson = sys.argv[1], sys.argv[2]
lon, lat = float(sys.argv[3]), float(sys.argv[4])

tiles = QgsVectorTileLayer(f"type=mbtiles&url={mbtiles}", "events")
print("tiles_valid", tiles.isValid())
print("tiles_zooms", tiles.sourceMinZoom(), tiles.sourceMaxZoom())
print("tiles_crs", tiles.crs().authid())

# Render a few kilometres around (lon, lat) on white: drawn features leave non-white pixels.
renderer = QgsVectorTileBasicRenderer()
renderer.setStyles(QgsVectorTileBasicRenderer.simpleStyleWithRandomColors())
tiles.setRenderer(renderer)
to_mercator = QgsCoordinateTransform(
    QgsCoordinateReferenceSystem("EPSG:4326"), tiles.crs(), QgsProject.instance()
)
centre = to_mercator.transform(QgsPointXY(lon, lat))
settings = QgsMapSettings()
settings.setLayers([tiles])
settings.setDestinationCrs(tiles.crs())
settings.setOutputSize(QSize(256, 256))
settings.setBackgroundColor(QColor(255, 255, 255))
settings.setExtent(
    QgsRectangle(centre.x() - 2000, centre.y() - 2000, centre.x() + 2000, centre.y() + 2000)
)
job = QgsMapRendererSequentialJob(settings)
job.start()
job.waitForFinished()
image = job.renderedImage()
white = QColor(255, 255, 255).rgb()
drawn = sum(
    1 for i in range(image.width()) for j in range(image.height()) if image.pixel(i, j) != white
)
print("drawn_pixels", drawn)

events = QgsVectorLayer(geojson, "events", "ogr")
print("geojson_valid", events.isValid())
print("geojson_features", events.featureCount())
for field in events.fields():
    if field.name() in ("event_date", "fatalities"):
        print("field", field.name(), field.typeName())
# QGIS 3.22 can crash while tearing down a headless application; the checks are printed.
sys.stdout.flush()
os._exit(0)
