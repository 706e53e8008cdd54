"""QGIS opens badia's GeoPackage with its stored default style: run with Debian's
/usr/bin/python3 and QT_QPA_PLATFORM=offscreen.

    gpkg.py FILE.gpkg LAYER ...

Prints one `LAYER key value` line per check; the Rust test compares them.
"""
import os
import sys

from qgis.core import QgsApplication, QgsVectorLayer

app = QgsApplication([], False)
app.initQgis()
path = sys.argv[1]
for name in sys.argv[2:]:
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    print(name, "valid", layer.isValid())
    print(name, "features", layer.featureCount())
    print(name, "geometry", layer.geometryType())
    for field in layer.fields():
        if field.name() in ("event_date", "fatalities", "confidence", "location_ar"):
            print(name, "field", field.name(), field.typeName())
    renderer = layer.renderer()
    print(name, "renderer", renderer.type() if renderer else None)
    if renderer and renderer.type() == "categorizedSymbol":
        print(name, "attribute", renderer.classAttribute())
        for cat in renderer.categories():
            symbol = cat.symbol()
            size = symbol.symbolLayer(0).dataDefinedProperties().property(
                symbol.symbolLayer(0).PropertySize
            )
            print(
                name,
                "category",
                cat.value(),
                symbol.color().name(),
                "sized" if size.isActive() else "fixed",
            )
    temporal = layer.temporalProperties()
    print(name, "temporal", temporal.isActive(), temporal.startExpression())
sys.stdout.flush()
# QGIS 3.22 can crash while tearing down a headless application; the checks are printed.
os._exit(0)
