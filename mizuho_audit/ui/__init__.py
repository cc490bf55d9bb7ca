"""The Qt layer: views, item models, dialogs behind one seam."""
