"""QGIS opens the map folder's project: run with Debian's /usr/bin/python3 and
QT_QPA_PLATFORM=offscreen.

    project.py FOLDER/badia.qgs [PNG]

Prints one `key value` line per check (per layer: `layer NAME key value`); the Rust test
compares them. With PNG, renders the project's view at its first day into that file.
"""
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsDateTimeRange,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProject,
    QgsVectorLayer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

app = QgsApplication([], False)
app.initQgis()
project = QgsProject.instance()
print("read", project.read(sys.argv[1]))
print("title", project.title())
print("crs", project.crs().authid())
print("absolute_paths", project.readBoolEntry("Paths", "/Absolute", True)[0])
root = project.layerTreeRoot()
for node in root.findLayers():
    layer = node.layer()
    name = node.name()
    print("layer", name, "valid", layer is not None and layer.isValid())
    print("layer", name, "visible", node.isVisible())
    if isinstance(layer, QgsVectorLayer):
        print("layer", name, "features", layer.featureCount())
        print("layer", name, "renderer", layer.renderer().type())
        if layer.renderer().type() == "categorizedSymbol":
            print("layer", name, "categories", len(layer.renderer().categories()))
        t = layer.temporalProperties()
        print("layer", name, "temporal", t.isActive(), t.mode(), t.startExpression() or "-")
        print("layer", name, "labels", layer.labelsEnabled())
    if isinstance(layer, QgsVectorTileLayer):
        print("layer", name, "tile_zooms", layer.sourceMinZoom(), layer.sourceMaxZoom())
        print("layer", name, "tile_styles", len(layer.renderer().styles()))
time = project.timeSettings().temporalRange()
print("time_begin", time.begin().toString("yyyy-MM-ddTHH:mm:ss"))
print("time_end", time.end().toString("yyyy-MM-ddTHH:mm:ss"))
print("time_step", project.timeSettings().timeStep(), project.timeSettings().timeStepUnit())

def drawn(layers, begin, days):
    """Pixels the layers draw over the project's view in `days` days from `begin`."""
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setExtent(project.viewSettings().defaultViewExtent())
    settings.setOutputSize(QSize(200, 150))
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setIsTemporal(True)
    settings.setTemporalRange(QgsDateTimeRange(begin, begin.addDays(days), True, False))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    white = QColor(255, 255, 255).rgb()
    return sum(
        1 for i in range(image.width()) for j in range(image.height()) if image.pixel(i, j) != white
    )


# The events layer draws on the first day, and nothing the day before it.
events = [n.layer() for n in root.findLayers() if n.name() == "Events"]
print("events_drawn_first_day", drawn(events, time.begin(), 1) > 0)
print("events_drawn_day_before", drawn(events, time.begin().addDays(-1), 1) > 0)

if len(sys.argv) > 2:
    # The view QGIS opens on, at the first day (a frame a day long), on white.
    settings = QgsMapSettings()
    settings.setLayers([n.layer() for n in root.findLayers() if n.isVisible()])
    settings.setDestinationCrs(project.crs())
    settings.setExtent(project.viewSettings().defaultViewExtent())
    settings.setOutputSize(QSize(800, 600))
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setIsTemporal(True)
    begin = time.begin()
    settings.setTemporalRange(QgsDateTimeRange(begin, begin.addDays(1)))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage().save(sys.argv[2])
    print("rendered", sys.argv[2])
sys.stdout.flush()
# QGIS 3.22 can crash while tearing down a headless application; the checks are printed.
os._exit(0)
