"""socialshop's pages in the Oscar dashboard (app label ``socialshop_dashboard``)."""
