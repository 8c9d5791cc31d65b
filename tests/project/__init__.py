"""Tests of the project as a whole: package layout, wheel, lock files, launch commands, web assets,
teaching guide, slide metadata, the bench report and that every figure fits."""
